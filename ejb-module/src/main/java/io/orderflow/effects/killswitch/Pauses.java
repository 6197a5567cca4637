package io.orderflow.effects.killswitch;

import io.orderflow.effects.Effect;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of which effect is paused, by whom and why, in PostgreSQL: the one truth every node,
 * and a node after a restart, goes by. An operator's pause outranks the kill switch's: it replaces
 * the switch's record, and the switch never lifts a pause it does not hold. Each change commits on
 * its own, before the broker is asked to pause or after it resumed, so that a broker call that
 * fails leaves the record saying what the broker does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Pauses {

    /** Shown as who paused an effect its kill switch paused. */
    public static final String KILL_SWITCH = "kill switch";

    /**
     * One effect's pause.
     *
     * @param bySwitch true when its kill switch holds it, false when an operator does
     * @param reason the failure that tripped the switch; none for an operator's
     */
    public record Pause(
            Effect effect, String pausedBy, Instant pausedAt, boolean bySwitch, String reason) {}

    @PersistenceContext EntityManager em;

    /** An operator's pause, in place of any other. */
    public void byOperator(Effect effect, String operator) {
        em.createNativeQuery(
                        "insert into effect_pauses (effect, paused_by, paused_at, by_switch, reason) "
                                + "values (?1, ?2, ?3, false, null) on conflict (effect) do update "
                                + "set paused_by = excluded.paused_by, paused_at = excluded.paused_at, "
                                + "by_switch = false, reason = null")
                .setParameter(1, effect.key())
                .setParameter(2, operator)
                .setParameter(3, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /**
     * An operator resumes the effect: no pause holds any more, whoever's it was.
     *
     * @return the pause lifted, to be {@linkplain #putBack put back} if the broker refuses to
     *     resume
     */
    public Optional<Pause> lifted(Effect effect) {
        Optional<Pause> held =
                current().stream().filter(pause -> pause.effect() == effect).findFirst();
        em.createNativeQuery("delete from effect_pauses where effect = ?1")
                .setParameter(1, effect.key())
                .executeUpdate();
        return held;
    }

    /** A pause lifted as it was, unless another was recorded meanwhile. */
    public void putBack(Pause pause) {
        em.createNativeQuery(
                        "insert into effect_pauses (effect, paused_by, paused_at, by_switch, reason) "
                                + "values (?1, ?2, ?3, ?4, ?5) on conflict (effect) do nothing")
                .setParameter(1, pause.effect().key())
                .setParameter(2, pause.pausedBy())
                .setParameter(3, Timestamp.from(pause.pausedAt()))
                .setParameter(4, pause.bySwitch())
                .setParameter(5, pause.reason())
                .executeUpdate();
    }

    /**
     * The kill switch pauses the effect, unless an operator holds a pause already.
     *
     * @return true when the switch holds the pause now (this node's or another's)
     */
    public boolean bySwitch(Effect effect, String reason, Instant since) {
        em.createNativeQuery(
                        "insert into effect_pauses (effect, paused_by, paused_at, by_switch, reason) "
                                + "values (?1, ?2, ?3, true, ?4) on conflict (effect) do nothing")
                .setParameter(1, effect.key())
                .setParameter(2, KILL_SWITCH)
                .setParameter(3, Timestamp.from(since))
                .setParameter(4, truncated(reason))
                .executeUpdate();
        return heldBySwitch(effect);
    }

    /** Whether a kill switch holds the effect's pause, this node's or another's. */
    public boolean heldBySwitch(Effect effect) {
        return !em.createNativeQuery("select 1 from effect_pauses where effect = ?1 and by_switch")
                .setParameter(1, effect.key())
                .getResultList()
                .isEmpty();
    }

    /**
     * The kill switch lets go of its pause.
     *
     * @return false when it held none: an operator took the pause over, or another node's switch
     *     already lifted it; then the queue is not the switch's to resume
     */
    public boolean releasedBySwitch(Effect effect) {
        return em.createNativeQuery("delete from effect_pauses where effect = ?1 and by_switch")
                        .setParameter(1, effect.key())
                        .executeUpdate()
                > 0;
    }

    public List<Pause> current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "select effect, paused_by, paused_at, by_switch, reason "
                                        + "from effect_pauses")
                        .getResultList();
        return rows.stream()
                .flatMap(
                        row ->
                                Effect.ofKey((String) row[0]).stream()
                                        .map(
                                                effect ->
                                                        new Pause(
                                                                effect,
                                                                (String) row[1],
                                                                (Instant) row[2],
                                                                (Boolean) row[3],
                                                                (String) row[4])))
                .toList();
    }

    private static String truncated(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
