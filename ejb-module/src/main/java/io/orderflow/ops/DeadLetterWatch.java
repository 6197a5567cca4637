package io.orderflow.ops;

import io.orderflow.effects.DeadLetters;
import io.orderflow.messaging.JndiNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Notices the messages the broker moved to a dead-letter queue after their last attempt: records why they are there
 * (the failure the consumer saw) and marks the effect's event DEAD_LETTERED on the order. It only browses the
 * dead-letter queues, never consumes them: the messages stay there until someone retries or discards them. Each
 * message is handled in a transaction of its own, so one that cannot be recorded holds up no other.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterWatch {

    private static final Logger LOG = Logger.getLogger(DeadLetterWatch.class.getName());

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @EJB
    DeadLetters deadLetters;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "orderflow.dead-letters.watch-interval-millis", defaultValue = "5000")
    long intervalMillis;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(intervalMillis, intervalMillis, new TimerConfig("dead-letter watch", false));
    }

    @Timeout
    void sweep() {
        for (DeadLetterSource source : DeadLetterSource.all()) {
            try {
                source.waiting(jms).forEach(message -> notice(source, message));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not browse the dead letters of " + source.name(), e);
            }
        }
    }

    private void notice(DeadLetterSource source, Message message) {
        try {
            deadLetters.noticed(source.originQueue(), message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record dead letter " + DeadLetters.idOf(message) + " of " + source.name(), e);
        }
    }
}
