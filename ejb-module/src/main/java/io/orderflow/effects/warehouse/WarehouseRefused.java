package io.orderflow.effects.warehouse;

/** The warehouse answered, but not with a success. */
public class WarehouseRefused extends Exception {

    private final int status;

    public WarehouseRefused(int status, String body) {
        super("warehouse answered " + status + (body == null || body.isBlank() ? "" : ": " + body));
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** A request the warehouse will never take as it is; 408 and 429 ask to come back later. */
    public boolean isClientError() {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
