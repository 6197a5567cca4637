package io.orderflow.catalogue;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The products the shop sells. Seeded on first start by the persistence unit's load script. */
@ApplicationScoped
public class Catalogue {

    @PersistenceContext EntityManager em;

    @Resource(lookup = "java:jboss/datasources/OrderFlowDS")
    DataSource database;

    public List<Product> all() {
        return em.createQuery("select p from Product p order by p.sku", Product.class)
                .getResultList();
    }

    /**
     * The price of each of these SKUs the catalogue has; one statement, in plain JDBC: every
     * checkout asks, outside a transaction, where a persistence context of its own would cost the
     * checkout more than the query.
     */
    public Map<String, BigDecimal> prices(Collection<String> skus) {
        Map<String, BigDecimal> prices = new HashMap<>();
        try (Connection connection = database.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(
                                "select sku, price from products where sku = any (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", skus.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    prices.put(rows.getString(1), rows.getBigDecimal(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the catalogue's prices", e);
        }
        return prices;
    }
}
