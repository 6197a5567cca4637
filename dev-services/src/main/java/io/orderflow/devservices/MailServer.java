package io.orderflow.devservices;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) that accepts mail for any address, with an IMAP server to read it. It can be
 * stopped and started again on the same ports, to play a mail outage.
 */
public final class MailServer implements AutoCloseable {

    private final ServerSetup[] setup;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail greenMail;

    private MailServer(int smtpPort, int imapPort) {
        this.setup = new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
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

    /** Stops accepting connections: senders now get "connection refused". Mail received so far is kept. */
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
        }
    }

    /** Every mail received since start, across outages. */
    public synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (greenMail != null) {
            all.addAll(List.of(greenMail.getReceivedMessages()));
        }
        return all;
    }

    /** How many received mails carry this Message-ID: more than one means a duplicate reached the mail server. */
    public long countWithMessageId(String messageId) {
        return received().stream().filter(m -> messageId.equals(messageIdOf(m))).count();
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
