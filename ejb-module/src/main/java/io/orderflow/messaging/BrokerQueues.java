package io.orderflow.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The broker's queues as an operator sees them in the admin console: how many messages wait, and a
 * switch to pause and resume deliveries without undeploying anything (events keep arriving and
 * wait; the consumer drains them after the resume). Goes through WildFly's management model,
 * exposed over JMX inside the server. A pause lasts until it is resumed or the server restarts.
 */
@ApplicationScoped
public class BrokerQueues {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    public void pause(String queue) {
        invoke(queue, "pause");
    }

    public void resume(String queue) {
        invoke(queue, "resume");
    }

    public boolean isPaused(String queue) {
        return (Boolean) attribute(queue, "paused");
    }

    /** Messages in the queue, delivered-but-unacknowledged and scheduled ones included. */
    public long messageCount(String queue) {
        return ((Number) attribute(queue, "messageCount")).longValue();
    }

    private Object attribute(String queue, String name) {
        try {
            return server.getAttribute(objectName(queue), name);
        } catch (JMException e) {
            throw new IllegalStateException("Could not read " + name + " of " + queue, e);
        }
    }

    private void invoke(String queue, String operation) {
        try {
            server.invoke(objectName(queue), operation, new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException("Could not " + operation + " " + queue, e);
        }
    }

    private static ObjectName objectName(String queue) throws JMException {
        return new ObjectName(
                "jboss.as:subsystem=messaging-activemq,server=default,runtime-queue=" + queue);
    }
}
