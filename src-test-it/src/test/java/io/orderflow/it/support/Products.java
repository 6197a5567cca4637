package io.orderflow.it.support;

import java.util.UUID;

/**
 * Products a test creates for itself, so that what it checks per SKU (stock held, units sold,
 * co-purchases) comes from its own orders alone, whatever ran before it.
 */
public final class Products {

    private Products() {}

    /** A new product at 10.00 with this much stock; returns its SKU. */
    public static String create(String name, int stock) {
        String sku =
                ("T-" + name + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        Database.update(
                "insert into products (sku, name, price, stock) values (?, ?, 10.00, ?)",
                sku,
                "test product " + name,
                stock);
        return sku;
    }

    public static long reserved(String sku) {
        return Database.number("select reserved from products where sku = ?", sku);
    }

    public static long available(String sku) {
        return Database.number("select stock - reserved from products where sku = ?", sku);
    }
}
