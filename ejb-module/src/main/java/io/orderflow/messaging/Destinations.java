package io.orderflow.messaging;

import jakarta.jms.Queue;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** The queues artemis-config binds in JNDI for the application, looked up by name. */
public final class Destinations {

    private Destinations() {}

    public static Queue queue(String jndiName) {
        try {
            return (Queue) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    "The server configuration binds no queue at "
                            + jndiName
                            + " (artemis-config/configure-messaging.cli)",
                    e);
        }
    }
}
