package io.orderflow;

/**
 * The broker took a question (a management operation or attribute) but its answer did not come back
 * in time: the broker is too busy or away to answer, which is an outage, not a fault. It may yet
 * carry the operation out, so the caller cannot know that nothing was done; asked again, an
 * operation that sets a state (pause, resume) ends in that state either way.
 */
public class BrokerDidNotAnswer extends RuntimeException {

    public BrokerDidNotAnswer(String message) {
        super(message);
    }
}
