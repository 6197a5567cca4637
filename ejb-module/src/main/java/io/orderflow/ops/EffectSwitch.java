package io.orderflow.ops;

import io.orderflow.effects.Effect;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Pauses and resumes an effect without undeploying anything: the broker stops delivering its queue, events keep
 * arriving and wait there, and the consumer drains them after the resume. Goes through WildFly's management model
 * (exposed over JMX in the server), so the pause is visible in the admin console too. A pause lasts until it is
 * resumed or the server restarts.
 */
@ApplicationScoped
public class EffectSwitch {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    public void pause(Effect effect) {
        invoke(effect, "pause");
    }

    public void resume(Effect effect) {
        invoke(effect, "resume");
    }

    public boolean isPaused(Effect effect) {
        try {
            return (Boolean) server.getAttribute(queue(effect), "paused");
        } catch (JMException e) {
            throw new IllegalStateException("Could not read whether " + effect.queue() + " is paused", e);
        }
    }

    private void invoke(Effect effect, String operation) {
        try {
            server.invoke(queue(effect), operation, new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException("Could not " + operation + " " + effect.queue(), e);
        }
    }

    private static ObjectName queue(Effect effect) throws JMException {
        return new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,queue=" + effect.queue());
    }
}
