package io.orderflow.effects.deadletters;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Notices the messages the broker moved to a dead-letter queue after their last attempt: records
 * why they are there (the failure the consumer saw) and marks the effect's event DEAD_LETTERED on
 * the order. It only browses the dead-letter queues, never consumes them: the messages stay there
 * until someone retries or discards them. Each message is recorded in a transaction of its own, so
 * one that cannot be recorded holds up no other. The desk looks through the same watch, so what it
 * lists is always recorded first.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterWatch {

    private static final Logger LOG = Logger.getLogger(DeadLetterWatch.class.getName());

    @Inject DeadLetterQueues queues;

    @EJB DeadLetters deadLetters;

    @Resource TimerService timers;

    @Inject
    @ConfigProperty(name = "orderflow.dead-letters.watch-interval-millis", defaultValue = "5000")
    long intervalMillis;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                intervalMillis, intervalMillis, new TimerConfig("dead-letter watch", false));
    }

    @Timeout
    void sweep() {
        waiting();
    }

    /** What waits in every dead-letter queue now, each message recorded. */
    public List<DeadLetter> waiting() {
        List<DeadLetter> letters = new ArrayList<>();
        for (DeadLetterSource source : DeadLetterSource.all()) {
            List<Message> messages;
            try {
                messages = queues.waiting(source);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not browse the dead letters of " + source.name(), e);
                continue;
            }
            for (Message message : messages) {
                Optional<DeadLetter> letter = recorded(source, message);
                if (letter.filter(l -> l.state() == DeadLetter.State.WAITING).isPresent()) {
                    letters.add(letter.get());
                } else if (letter.isPresent()) {
                    // the desk settled it but could not remove it
                    queues.removeSettled(source, letter.get().messageId());
                }
            }
        }
        return letters;
    }

    private Optional<DeadLetter> recorded(DeadLetterSource source, Message message) {
        String messageId = DeadLetterQueues.idOf(message);
        Optional<DeadLetter> known = deadLetters.find(source.originQueue(), messageId);
        if (known.isPresent()) {
            // most sweeps find only what they recorded before: no transaction of its own for those
            return known;
        }
        try {
            deadLetters.noticed(source.originQueue(), message);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not record dead letter " + messageId + " of " + source.name(),
                    e);
        }
        return deadLetters.find(source.originQueue(), messageId);
    }
}
