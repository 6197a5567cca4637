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
}
