package io.orderflow.effects;

import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.messaging.Destinations;
import io.orderflow.messaging.JndiNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Enumeration;
import java.util.logging.Logger;

/**
 * The kill switch's probe: the first event waiting in the effect's paused queue, browsed (not
 * consumed, so no delivery attempt is used), applied by the effect's own handler in a transaction
 * of its own, through the same steps as a delivery. Passed, the event is done, and its message,
 * once delivered, is acknowledged as already applied; failed, nothing stays but the failure, in the
 * event's history.
 */
@Stateless
public class EffectProbe {

    private static final Logger LOG = Logger.getLogger(EffectProbe.class.getName());

    public enum Outcome {
        /** The effect was applied: its downstream is back. */
        PASSED,
        /** It failed as the deliveries did: the downstream is still away. */
        FAILED,
        /**
         * Nothing tells: no event waits, or the first was applied before or cannot be before its
         * predecessor, or it fails for good (the consumer dead-letters it as usual once deliveries
         * resume).
         */
        INCONCLUSIVE
    }

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Inject @Any Instance<EffectHandler> handlers;

    @Inject EffectSteps steps;

    @EJB EffectLedger ledger;

    @PersistenceContext EntityManager em;

    @Resource SessionContext context;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome probe(Effect effect) {
        TextMessage first = firstWaiting(effect);
        if (first == null) {
            return Outcome.INCONCLUSIVE;
        }
        String text;
        OrderEvent event;
        try {
            text = first.getText();
            event = EventCodec.decode(text);
        } catch (JMSException | UnreadableEvent e) {
            return Outcome.INCONCLUSIVE;
        }
        if (!ledger.predecessorSettled(event, effect)) {
            return Outcome.INCONCLUSIVE;
        }
        EffectHandler handler = handlerOf(effect);
        int attempt = attemptOf(first);
        try {
            boolean applied = steps.take(handler, event, text, attempt);
            em.flush();
            return applied ? Outcome.PASSED : Outcome.INCONCLUSIVE;
        } catch (Exception failure) {
            context.setRollbackOnly();
            if (handler.isPermanent(failure)) {
                return Outcome.INCONCLUSIVE;
            }
            Failure why = Failure.of(effect, failure);
            ledger.failed(event, effect, attempt, why, false);
            LOG.info(() -> effect.key() + "'s kill switch probe failed: " + why.summary());
            return Outcome.FAILED;
        }
    }

    private TextMessage firstWaiting(Effect effect) {
        try (QueueBrowser browser = jms.createBrowser(Destinations.queue(effect.jndiName()))) {
            Enumeration<?> waiting = browser.getEnumeration();
            while (waiting.hasMoreElements()) {
                if (waiting.nextElement() instanceof TextMessage text) {
                    return text;
                }
            }
            return null;
        } catch (JMSException e) {
            throw new IllegalStateException("Could not browse " + effect.queue(), e);
        }
    }

    private EffectHandler handlerOf(Effect effect) {
        return handlers.stream()
                .filter(handler -> handler.effect() == effect)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No handler for " + effect.key()));
    }

    private static int attemptOf(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 1;
        }
    }
}
