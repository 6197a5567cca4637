package io.orderflow.effects.email;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Connections to the mail server, kept open between mails: a fresh one per mail (connect, EHLO,
 * QUIT) cost more than the mail. Each connection serves one sender at a time. A kept connection the
 * server has closed meanwhile fails before it accepts anything, so that mail is sent once more on a
 * fresh connection; one the server refused (a {@link SendFailedException}) is not retried here, its
 * delivery fails as it would have.
 */
@ApplicationScoped
public class SmtpConnections {

    /** Well under the idle time mail servers allow (five minutes is usual). */
    private static final Duration MAX_IDLE = Duration.ofSeconds(30);

    private static final int MAX_KEPT = 16;

    @Resource(lookup = "java:jboss/mail/OrderFlow")
    Session mail;

    private final BlockingQueue<Kept> idle = new LinkedBlockingQueue<>(MAX_KEPT);

    private record Kept(Transport transport, Instant since) {}

    public Session session() {
        return mail;
    }

    public void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        Kept kept = idle.poll();
        while (kept != null && kept.since().isBefore(Instant.now().minus(MAX_IDLE))) {
            close(kept.transport());
            kept = idle.poll();
        }
        if (kept != null) {
            try {
                sendOn(kept.transport(), message);
                return;
            } catch (SendFailedException refused) {
                throw refused;
            } catch (MessagingException closedMeanwhile) {
                // the server closed it while it was idle: a fresh connection below
            }
        }
        Transport fresh = mail.getTransport("smtp");
        fresh.connect();
        sendOn(fresh, message);
    }

    private void sendOn(Transport transport, MimeMessage message) throws MessagingException {
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException failed) {
            close(transport);
            throw failed;
        }
        if (!idle.offer(new Kept(transport, Instant.now()))) {
            close(transport);
        }
    }

    @PreDestroy
    void closeAll() {
        Kept kept;
        while ((kept = idle.poll()) != null) {
            close(kept.transport());
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException alreadyGone) {
            // nothing is left to release
        }
    }
}
