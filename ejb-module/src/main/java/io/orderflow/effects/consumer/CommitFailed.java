package io.orderflow.effects.consumer;

/**
 * The consumer's work went through, but its transaction rolled back when it was committed: a
 * constraint the database checks at commit, the index, the broker or the database going away. The
 * server log has the cause.
 */
public class CommitFailed extends Exception {

    public CommitFailed(int status) {
        super(
                "the transaction did not commit (JTA status "
                        + status
                        + "); the broker redelivers the event");
    }
}
