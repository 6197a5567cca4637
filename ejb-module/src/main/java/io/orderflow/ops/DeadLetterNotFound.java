package io.orderflow.ops;

import io.orderflow.Rejection;

public class DeadLetterNotFound extends Rejection {

    public DeadLetterNotFound(String messageId) {
        super(
                Kind.NOT_FOUND,
                "No dead letter "
                        + messageId
                        + " waits: it was retried or discarded, or never was.");
    }
}
