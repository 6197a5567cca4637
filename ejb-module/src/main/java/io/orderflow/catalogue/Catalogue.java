package io.orderflow.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The products the shop sells. Seeded on first start by the persistence unit's load script. */
@ApplicationScoped
public class Catalogue {

    @PersistenceContext EntityManager em;

    public List<Product> all() {
        return em.createQuery("select p from Product p order by p.sku", Product.class)
                .getResultList();
    }

    public Map<String, Product> bySku(Collection<String> skus) {
        return em.createQuery("select p from Product p where p.sku in :skus", Product.class)
                .setParameter("skus", skus)
                .getResultStream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
    }
}
