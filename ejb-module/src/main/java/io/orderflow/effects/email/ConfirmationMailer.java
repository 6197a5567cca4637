package io.orderflow.effects.email;

import io.orderflow.Causes;
import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.stream.Collectors;

/**
 * Mails the customer when an order is placed or cancelled. Mail cannot take part in the
 * transaction, so a redelivery after a late failure may send the same mail again: every mail of an
 * event carries the same Message-ID, derived from the order and the event kind, so the receiving
 * side can recognise the repeat.
 */
@ApplicationScoped
public class ConfirmationMailer implements EffectHandler {

    @Inject SmtpConnections smtp;

    @Override
    public Effect effect() {
        return Effect.EMAIL;
    }

    /**
     * An address that is not one, or one the mail server rejects for good (5xx) with no recipient
     * accepted.
     */
    @Override
    public boolean failsForGood(Throwable failure) {
        return Causes.find(failure, AddressException.class).isPresent()
                || Causes.find(failure, SendFailedException.class)
                        .filter(ConfirmationMailer::rejectedForGood)
                        .isPresent();
    }

    private static boolean rejectedForGood(SendFailedException rejected) {
        return rejected.getInvalidAddresses() != null
                && rejected.getInvalidAddresses().length > 0
                && (rejected.getValidSentAddresses() == null
                        || rejected.getValidSentAddresses().length == 0);
    }

    @Override
    public void apply(OrderEvent event) throws MessagingException {
        MimeMessage message = new IdentifiedMessage(smtp.session(), messageId(event));
        message.setFrom();
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(event.customerEmail()));
        switch (event.type()) {
            case OrderPlaced -> {
                message.setSubject("Your order " + event.orderId() + " is confirmed");
                message.setText(
                        "Thank you for your order.\n\n"
                                + linesOf(event)
                                + "\nTotal: "
                                + event.total()
                                + " "
                                + event.currency()
                                + "\n",
                        "UTF-8");
            }
            case OrderCancelled -> {
                message.setSubject("Your order " + event.orderId() + " is cancelled");
                message.setText(
                        "Your order "
                                + event.orderId()
                                + " has been cancelled; nothing will be charged.\n",
                        "UTF-8");
            }
        }
        smtp.send(message);
    }

    /**
     * The same for every delivery of the same event, and different for each kind of mail of an
     * order.
     */
    public static String messageId(OrderEvent event) {
        return "<" + event.orderId() + "." + event.type().name() + "@orderflow.local>";
    }

    private static String linesOf(OrderEvent event) {
        return event.lines().stream()
                .map(
                        line ->
                                line.quantity()
                                        + " x "
                                        + line.sku()
                                        + " at "
                                        + line.unitPrice()
                                        + " "
                                        + event.currency())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** JavaMail would make up a fresh Message-ID on every send; this keeps ours. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
