package io.orderflow.inbox;

import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The consumers' idempotency guard. A claim inserts (consumer, event id) in the consumer's
 * transaction: it commits with the effect, and rolls back with it. A redelivered or re-sent event
 * finds its row and is skipped.
 */
@ApplicationScoped
public class Inbox {

    @PersistenceContext EntityManager em;

    /**
     * True when this consumer has not handled the event before, and now owns it for this
     * transaction. The row also says when each consumer handled which event of which order, in the
     * order it did.
     */
    public boolean claim(String consumer, OrderEvent event) {
        // ON CONFLICT DO NOTHING instead of catching a duplicate-key error: an error would doom the
        // transaction
        int inserted =
                em.createNativeQuery(
                                "insert into processed_messages (consumer, event_id, order_id, event_type, processed_at) "
                                        + "values (?1, ?2, ?3, ?4, clock_timestamp()) on conflict (consumer, event_id) do nothing")
                        .setParameter(1, consumer)
                        .setParameter(2, event.eventId())
                        .setParameter(3, event.order().value())
                        .setParameter(4, event.type().name())
                        .executeUpdate();
        return inserted == 1;
    }
}
