package io.orderflow.messaging;

/** The message properties the broker itself acts on. */
public final class Headers {

    /**
     * Artemis' duplicate detection: the broker drops a second message with the same value while it
     * remembers it.
     */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** Messages of one group go to one consumer at a time. */
    public static final String GROUP_ID = "JMSXGroupID";

    private Headers() {}
}
