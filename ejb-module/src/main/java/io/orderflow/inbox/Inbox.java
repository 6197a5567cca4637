package io.orderflow.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The consumers' idempotency guard. A claim inserts (consumer, event id) in the consumer's transaction: it commits
 * with the effect, and rolls back with it. A redelivered or re-sent event finds its row and is skipped.
 */
@ApplicationScoped
public class Inbox {

    @PersistenceContext
    EntityManager em;

    /** True when this consumer has not handled the event before, and now owns it for this transaction. */
    public boolean claim(String consumer, String eventId) {
        // ON CONFLICT DO NOTHING instead of catching a duplicate-key error: an error would doom the transaction
        int inserted = em.createNativeQuery(
                        "insert into processed_messages (consumer, event_id, processed_at) values (?1, ?2, now()) "
                                + "on conflict (consumer, event_id) do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
