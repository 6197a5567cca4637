package io.orderflow.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/**
 * A product in the catalogue. Stock on hand only changes through goods in and out; {@code reserved}
 * is what placed orders and running checkouts hold: held by a checkout before its payment, given
 * back by a checkout that fails and by the order's cancellation (checkout's StockHold).
 */
@Entity
@Table(name = "products")
public class Product {

    @Id private String sku;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private BigDecimal price;

    @Column(nullable = false)
    private int stock;

    @Column(nullable = false)
    private int reserved;

    @Version private long version;

    protected Product() {}

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal price() {
        return price;
    }

    public int stock() {
        return stock;
    }

    public int reserved() {
        return reserved;
    }

    public int available() {
        return stock - reserved;
    }
}
