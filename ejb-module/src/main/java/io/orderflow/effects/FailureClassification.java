package io.orderflow.effects;

import io.orderflow.Causes;
import io.orderflow.effects.inventory.UnknownProduct;
import io.orderflow.effects.warehouse.WarehouseRefused;
import io.orderflow.events.UnreadableEvent;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

/**
 * Which failures no retry can fix, per effect, in one place. A permanent failure goes to the effect's dead-letter
 * queue at once instead of burning its attempts; everything else (timeouts, refused connections, 5xx, deadlocks,
 * a lost database connection) is transient and redelivered with the effect's backoff.
 *
 * <table>
 * <tr><th>effect</th><th>permanent</th></tr>
 * <tr><td>every effect</td><td>an event it cannot read (malformed, unknown schema version), an event the database
 * records differently</td></tr>
 * <tr><td>inventory</td><td>a SKU the catalogue does not have</td></tr>
 * <tr><td>email</td><td>an address that is not one, or that the mail server rejects for good (5xx)</td></tr>
 * <tr><td>warehouse</td><td>a 4xx answer, but 408 and 429 (they ask to come back later)</td></tr>
 * <tr><td>search, analytics, recommendations</td><td>none: their failures are the database's, and pass</td></tr>
 * </table>
 */
public final class FailureClassification {

    private FailureClassification() {
    }

    public static boolean isPermanent(Effect effect, Throwable failure) {
        if (Causes.find(failure, UnreadableEvent.class).isPresent() || Causes.find(failure, EventContradictsRecord.class).isPresent()) {
            return true;
        }
        return switch (effect) {
            case INVENTORY -> Causes.find(failure, UnknownProduct.class).isPresent();
            case EMAIL -> Causes.find(failure, AddressException.class).isPresent()
                    || Causes.find(failure, SendFailedException.class).filter(FailureClassification::rejectedForGood).isPresent();
            case WAREHOUSE -> Causes.find(failure, WarehouseRefused.class).filter(FailureClassification::clientError).isPresent();
            case SEARCH, ANALYTICS, RECOMMENDATIONS -> false;
        };
    }

    private static boolean rejectedForGood(SendFailedException rejected) {
        return rejected.getInvalidAddresses() != null && rejected.getInvalidAddresses().length > 0
                && (rejected.getValidSentAddresses() == null || rejected.getValidSentAddresses().length == 0);
    }

    private static boolean clientError(WarehouseRefused refused) {
        return refused.status() >= 400 && refused.status() < 500
                && refused.status() != 408 && refused.status() != 429;
    }
}
