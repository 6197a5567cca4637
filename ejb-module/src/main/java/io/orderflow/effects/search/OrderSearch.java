package io.orderflow.effects.search;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.mapper.orm.Search;

/**
 * Full-text search over orders (customer e-mail, SKUs), and a rebuild of the index from the
 * database.
 */
@Stateless
public class OrderSearch {

    public static final int MAX_HITS = 100;

    @PersistenceContext EntityManager em;

    public List<SearchableOrder> find(String query, int limit) {
        return Search.session(em)
                .search(SearchableOrder.class)
                .where(
                        f ->
                                f.simpleQueryString()
                                        .fields("customerEmail", "skus")
                                        .matching(query)
                                        .defaultOperator(BooleanOperator.AND))
                .sort(f -> f.field("placedAt").desc())
                .fetchHits(Math.min(limit, MAX_HITS));
    }

    /** Reindexes every searchable order from its table, e.g. after the index directory was lost. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long rebuild() throws InterruptedException {
        Search.session(em).massIndexer(SearchableOrder.class).startAndWait();
        return em.createQuery("select count(o) from SearchableOrder o", Long.class)
                .getSingleResult();
    }
}
