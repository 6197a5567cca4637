package io.orderflow.ops;

import io.orderflow.effects.Effect;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who paused which effect and when, kept in PostgreSQL so that every node and a restarted one tell
 * the same story; the broker itself knows only that a queue is paused.
 */
@Stateless
@RolesAllowed({Roles.STAFF, Roles.OPS})
public class EffectPauses {

    /** An operator's pause of an effect. */
    public record Pause(String effect, String pausedBy, Instant pausedAt) {}

    @PersistenceContext EntityManager em;

    @Resource SessionContext caller;

    @RolesAllowed(Roles.OPS)
    public void paused(Effect effect) {
        em.createNativeQuery(
                        "insert into effect_pauses (effect, paused_by, paused_at) values (?1, ?2, ?3) "
                                + "on conflict (effect) do update set paused_by = excluded.paused_by, "
                                + "paused_at = excluded.paused_at")
                .setParameter(1, effect.key())
                .setParameter(2, caller.getCallerPrincipal().getName())
                .setParameter(3, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    @RolesAllowed(Roles.OPS)
    public void resumed(Effect effect) {
        em.createNativeQuery("delete from effect_pauses where effect = ?1")
                .setParameter(1, effect.key())
                .executeUpdate();
    }

    /** By effect key, the pauses operators made and did not lift yet. */
    public Map<String, Pause> current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("select effect, paused_by, paused_at from effect_pauses")
                        .getResultList();
        return rows.stream()
                .map(row -> new Pause((String) row[0], (String) row[1], (Instant) row[2]))
                .collect(Collectors.toMap(Pause::effect, pause -> pause));
    }
}
