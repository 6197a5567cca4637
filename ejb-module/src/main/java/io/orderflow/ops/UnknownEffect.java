package io.orderflow.ops;

import io.orderflow.Rejection;

public class UnknownEffect extends Rejection {

    public UnknownEffect(String key) {
        super(Kind.NOT_FOUND, "There is no effect " + key + ".");
    }
}
