package io.orderflow.effects.killswitch;

import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.effects.consumer.EffectSteps;
import io.orderflow.effects.failures.Failure;
import io.orderflow.effects.failures.FailureLog;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.messaging.Destinations;
import io.orderflow.messaging.Headers;
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
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The kill switch's probe: the first events waiting in the effect's paused queue, browsed (not
 * consumed, so no delivery attempt is used), each applied by the effect's own handler in a
 * transaction of its own, through the same steps as a delivery. Passed, the event is done, and its
 * message, once delivered, is acknowledged as already applied; failed, nothing stays but the
 * failure, in the event's history. Up to {@link #CANDIDATES} events of different orders are tried
 * before the downstream is called still away: an event the downstream refuses on its own (one
 * customer's, one recipient's) must not hold the whole effect paused, where it could never reach
 * its dead-letter queue.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EffectProbe {

    private static final Logger LOG = Logger.getLogger(EffectProbe.class.getName());

    /** Events of different orders a probe tries before it calls the downstream still away. */
    static final int CANDIDATES = 3;

    /** Messages browsed to find them: an order's later events wait behind its first. */
    private static final int BROWSED = 50;

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

    @EJB FailureLog failureLog;

    @PersistenceContext EntityManager em;

    @Resource SessionContext context;

    /** Passed as soon as one event passes; failed when none passed and one failed. */
    public Outcome probe(Effect effect) {
        EffectProbe self = context.getBusinessObject(EffectProbe.class);
        Outcome seen = Outcome.INCONCLUSIVE;
        for (Candidate candidate : candidates(effect)) {
            Outcome outcome = self.tryOne(effect, candidate);
            if (outcome == Outcome.PASSED) {
                return outcome;
            }
            if (outcome == Outcome.FAILED) {
                seen = outcome;
            }
        }
        return seen;
    }

    /** A waiting event as browsed: its text and the deliveries it had. */
    public record Candidate(String text, int attempt) {}

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome tryOne(Effect effect, Candidate candidate) {
        OrderEvent event;
        try {
            event = EventCodec.decode(candidate.text());
        } catch (UnreadableEvent e) {
            return Outcome.INCONCLUSIVE;
        }
        if (!ledger.predecessorSettled(event, effect)) {
            return Outcome.INCONCLUSIVE;
        }
        EffectHandler handler = handlerOf(effect);
        int attempt = candidate.attempt();
        try {
            boolean applied = steps.take(handler, event, candidate.text(), attempt);
            em.flush();
            return applied ? Outcome.PASSED : Outcome.INCONCLUSIVE;
        } catch (Exception failure) {
            context.setRollbackOnly();
            if (handler.isPermanent(failure)) {
                return Outcome.INCONCLUSIVE;
            }
            Failure why = Failure.of(effect, failure);
            failureLog.record(event, effect, attempt, why, false);
            LOG.info(
                    () ->
                            effect.key()
                                    + "'s kill switch probe failed on "
                                    + event.eventId()
                                    + ": "
                                    + why.summary());
            return Outcome.FAILED;
        }
    }

    /** The first waiting events of different orders, in the queue's order. */
    private List<Candidate> candidates(Effect effect) {
        List<Candidate> found = new ArrayList<>();
        Set<String> orders = new HashSet<>();
        try (QueueBrowser browser = jms.createBrowser(Destinations.queue(effect.jndiName()))) {
            Enumeration<?> waiting = browser.getEnumeration();
            for (int browsed = 0;
                    browsed < BROWSED && found.size() < CANDIDATES && waiting.hasMoreElements();
                    browsed++) {
                if (waiting.nextElement() instanceof TextMessage text
                        && orders.add(text.getStringProperty(Headers.GROUP_ID))) {
                    found.add(new Candidate(text.getText(), attemptOf(text)));
                }
            }
            return found;
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
