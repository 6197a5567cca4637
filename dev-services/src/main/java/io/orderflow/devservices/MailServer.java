package io.orderflow.devservices;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) that accepts mail for any address, with an IMAP server to read it.
 * It can be stopped and started again on the same ports, to play a mail outage, and it can answer a
 * mail's first delivery with 451 (a temporary failure), through GreenMail's own delivery hook.
 */
public final class MailServer implements AutoCloseable {

    private final ServerSetup[] setup;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private volatile Predicate<String> refuseFirstDelivery = messageId -> false;
    private GreenMail greenMail;

    private MailServer(int smtpPort, int imapPort) {
        this.setup =
                new ServerSetup[] {
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                };
    }

    static MailServer start(int smtpPort, int imapPort) {
        MailServer server = new MailServer(smtpPort, imapPort);
        server.resume();
        return server;
    }

    public int smtpPort() {
        return setup[0].getPort();
    }

    public int imapPort() {
        return setup[1].getPort();
    }

    /**
     * Stops accepting connections: senders now get "connection refused". Mail received so far is
     * kept.
     */
    public synchronized void outage() {
        if (greenMail != null) {
            earlier.addAll(List.of(greenMail.getReceivedMessages()));
            greenMail.stop();
            greenMail = null;
        }
    }

    public synchronized void resume() {
        if (greenMail == null) {
            greenMail = new GreenMail(setup);
            greenMail.start();
            MessageDeliveryHandler deliver = greenMail.getUserManager().getMessageDeliveryHandler();
            greenMail
                    .getUserManager()
                    .setMessageDeliveryHandler(
                            (message, recipient) -> {
                                String messageId = message.getMessage().getMessageID();
                                if (messageId != null
                                        && refuseFirstDelivery.test(messageId)
                                        && refusedOnce.add(messageId)) {
                                    // GreenMail answers a failed delivery with "451 Requested
                                    // action aborted: local error in processing"
                                    throw new MessagingException(
                                            "first delivery of "
                                                    + messageId
                                                    + " refused on purpose");
                                }
                                return deliver.handle(message, recipient);
                            });
        }
    }

    /**
     * From now on, the first delivery of every mail whose Message-ID matches is answered with 451;
     * the next one goes in.
     */
    public void refuseFirstDeliveryOf(Predicate<String> messageIds) {
        refuseFirstDelivery = messageIds;
    }

    /** How many first deliveries were refused so far. */
    public int refusedDeliveries() {
        return refusedOnce.size();
    }

    /** Every mail received since start, across outages. */
    public synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (greenMail != null) {
            all.addAll(List.of(greenMail.getReceivedMessages()));
        }
        return all;
    }

    /** The Message-IDs of the mails received for this address, in the order they arrived. */
    public List<String> messageIdsTo(String recipient) {
        return received().stream()
                .filter(m -> recipient.equalsIgnoreCase(recipientOf(m)))
                .map(MailServer::messageIdOf)
                .toList();
    }

    /**
     * How many received mails carry this Message-ID: more than one means a duplicate reached the
     * mail server.
     */
    public long countWithMessageId(String messageId) {
        return received().stream().filter(m -> messageId.equals(messageIdOf(m))).count();
    }

    private static String recipientOf(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null || to.length == 0 ? null : ((InternetAddress) to[0]).getAddress();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}
