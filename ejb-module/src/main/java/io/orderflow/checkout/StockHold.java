package io.orderflow.checkout;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Holds stock for a checkout in a short transaction before the payment is asked for (the checkout's
 * reservation, {@link Reservations}), so that a product's row is locked for milliseconds and never
 * across the order's two-phase commit: orders of one product follow each other at the pace of that
 * short commit. The hold is written down ({@code stock_holds}) with what it took; the order's
 * transaction takes it over, a checkout that fails gives it back, and one a dead checkout left
 * behind lapses and is given back by {@link LapsedHolds}. Whoever deletes a hold's rows gives its
 * units back in the same transaction, so a hold is given back once at most, and a hold an in-doubt
 * order transaction has taken over stays locked until recovery decides.
 *
 * <p>Each line is one conditional update: it holds only while enough is available, so two checkouts
 * racing for the last units cannot both win, and the database's own check ({@code reserved} between
 * 0 and {@code stock}) refuses anything that slips past. Lines are taken in SKU order, so two
 * checkouts sharing products cannot deadlock each other.
 */
@Stateless
public class StockHold {

    @PersistenceContext EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * Holds every line, or throws {@link InsufficientStock} naming the lines that are short and
     * holds nothing.
     *
     * @return the hold's id, for the order's transaction to take over
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public UUID hold(List<OrderLine> lines) {
        UUID hold = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        List<String> shortSkus =
                sorted(lines).stream()
                        .filter(line -> !holdLine(hold, line, now))
                        .map(OrderLine::sku)
                        .toList();
        if (!shortSkus.isEmpty()) {
            throw new InsufficientStock(shortSkus);
        }
        return hold;
    }

    /**
     * In the order's transaction: the order owns the held units now. Throws {@link HoldLapsed} when
     * the hold was given back meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void takeOver(UUID hold, List<OrderLine> lines) {
        int taken =
                em.createNativeQuery("delete from stock_holds where hold_id = ?1")
                        .setParameter(1, hold)
                        .executeUpdate();
        if (taken != lines.size()) {
            throw new HoldLapsed();
        }
    }

    /** The checkout failed before its order was recorded: the units go back, once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(UUID hold) {
        giveBack("where hold_id = ?1", hold);
    }

    /**
     * Gives back every hold older than {@code before}, except those a transaction is taking over
     * right now (they are locked, and skipped); returns how many products got units back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseLapsed(Instant before) {
        return giveBack(
                "where ctid = any(array(select ctid from stock_holds where held_at < ?1 "
                        + "for update skip locked))",
                Timestamp.from(before));
    }

    /** In the cancelling transaction: the order's units go back. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void giveBack(List<OrderLine> lines) {
        for (OrderLine line : sorted(lines)) {
            int released =
                    em.createNativeQuery(
                                    "update products set reserved = reserved - ?1 where sku = ?2 and reserved >= ?1")
                            .setParameter(1, line.quantity())
                            .setParameter(2, line.sku())
                            .executeUpdate();
            if (released != 1) {
                throw new IllegalStateException(
                        "Product "
                                + line.sku()
                                + " holds less than the "
                                + line.quantity()
                                + " units a cancelled order gives back");
            }
        }
    }

    private boolean holdLine(UUID hold, OrderLine line, Timestamp now) {
        boolean held =
                em.createNativeQuery(
                                        "update products set reserved = reserved + ?1 "
                                                + "where sku = ?2 and stock - reserved >= ?1")
                                .setParameter(1, line.quantity())
                                .setParameter(2, line.sku())
                                .executeUpdate()
                        == 1;
        if (held) {
            em.createNativeQuery(
                            "insert into stock_holds (hold_id, sku, quantity, held_at) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, hold)
                    .setParameter(2, line.sku())
                    .setParameter(3, line.quantity())
                    .setParameter(4, now)
                    .executeUpdate();
        }
        return held;
    }

    /**
     * Deletes the holds' rows the condition names and gives their units back, in SKU order, in one
     * statement.
     */
    private int giveBack(String which, Object parameter) {
        return em.createNativeQuery(
                        "with released as (delete from stock_holds "
                                + which
                                + " returning sku, quantity), "
                                + "per_sku as (select sku, sum(quantity) as quantity from released group by sku) "
                                + "update products p set reserved = p.reserved - per_sku.quantity "
                                + "from per_sku where p.sku = per_sku.sku")
                .setParameter(1, parameter)
                .executeUpdate();
    }

    private static List<OrderLine> sorted(List<OrderLine> lines) {
        return lines.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
    }
}
