package io.orderflow.baseline;

import io.orderflow.effects.Effect;
import io.orderflow.effects.analytics.SalesLedger;
import io.orderflow.effects.email.ConfirmationMailer;
import io.orderflow.effects.inventory.StockAllocations;
import io.orderflow.effects.recommendations.CoPurchases;
import io.orderflow.effects.search.OrderIndex;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.effects.warehouse.FulfilmentRequests;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.PublishingPort;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The six effects applied one after the other, in the caller's transaction, while the customer
 * waits: OrderFlow without a queue. It exists only as the baseline the benchmark measures the
 * queued checkout against; one slow or failing downstream makes the whole checkout slow or failed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InlineEffects implements PublishingPort {

    @Inject StockAllocations inventory;

    @Inject ConfirmationMailer email;

    @Inject OrderIndex search;

    @Inject FulfilmentRequests warehouse;

    @Inject SalesLedger analytics;

    @Inject CoPurchases recommendations;

    @EJB EffectLedger ledger;

    /**
     * Any failure is rethrown unchecked: as a system exception it rolls the whole checkout back.
     */
    @Override
    public void publish(OrderEvent event) {
        try {
            inventory.apply(event);
            email.apply(event);
            search.apply(event);
            warehouse.apply(event);
            analytics.apply(event);
            recommendations.apply(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("An effect failed during a synchronous checkout", e);
        }
        for (Effect effect : Effect.values()) {
            ledger.lock(event, effect).ifPresent(row -> ledger.done(row, 1));
        }
    }
}
