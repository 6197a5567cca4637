package io.orderflow.effects.search;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Full-text search over orders (the customer's address and the SKUs, word by word), in PostgreSQL's
 * text search: every node answers from the same index. How typed text is read: {@link SearchWords}.
 * A text without a word (such as {@code *}) lists the newest orders.
 */
@Stateless
public class OrderSearch {

    public static final int MAX_HITS = 100;

    /**
     * What a search matches, word for word the expression schema.sql indexes (search_orders_words),
     * so that PostgreSQL uses the index: the letters and digits of the address and the SKUs.
     */
    private static final String DOCUMENT =
            "to_tsvector('simple', regexp_replace(customer_email || ' ' || skus, '[^[:alnum:]]+', ' ', 'g'))";

    @PersistenceContext EntityManager em;

    @SuppressWarnings("unchecked")
    public List<SearchableOrder> find(String typed, int limit) {
        String query = SearchWords.webSearch(typed);
        String where =
                query.isEmpty()
                        ? ""
                        : " where " + DOCUMENT + " @@ websearch_to_tsquery('simple', ?1)";
        var search =
                em.createNativeQuery(
                        "select * from search_orders"
                                + where
                                + " order by placed_at desc limit "
                                + Math.min(limit, MAX_HITS),
                        SearchableOrder.class);
        if (!query.isEmpty()) {
            search.setParameter(1, query);
        }
        return search.getResultList();
    }
}
