package io.orderflow.effects.inventory;

/** The event names a SKU the catalogue does not have: retrying will not make it appear. */
public class UnknownProduct extends RuntimeException {

    public UnknownProduct(String sku) {
        super("No product " + sku + " in the catalogue");
    }
}
