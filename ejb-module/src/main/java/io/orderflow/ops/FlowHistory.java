package io.orderflow.ops;

import io.orderflow.effects.Effect;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What each effect got done over the last minutes, from the effects' own rows in PostgreSQL: the
 * same on every node, and still there after a restart. Acceptance to effect is measured for
 * OrderPlaced, from the order's creation to the effect's commit.
 */
@Stateless
@RolesAllowed({Roles.STAFF, Roles.OPS})
public class FlowHistory {

    /** The buckets' width. */
    public static final Duration STEP = Duration.ofSeconds(10);

    /**
     * @param at the bucket's start
     * @param done events the effect completed within the bucket
     * @param meanLatencyMillis acceptance to effect for the orders placed among them, if any
     */
    public record Point(String effect, Instant at, long done, Double meanLatencyMillis) {}

    @PersistenceContext EntityManager em;

    public List<Point> last(Duration span) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "select e.effect, floor(extract(epoch from e.completed_at) / ?1) * ?1, count(*), "
                                        + "avg(extract(epoch from e.completed_at - o.created_at) * 1000) "
                                        + "filter (where e.event_type = 'OrderPlaced') "
                                        + "from effect_events e join orders o on o.id = e.order_id "
                                        + "where e.completed_at >= ?2 group by 1, 2 order by 2, 1")
                        .setParameter(1, STEP.toSeconds())
                        .setParameter(2, Timestamp.from(Instant.now().minus(span)))
                        .getResultList();
        return rows.stream()
                .map(
                        row ->
                                new Point(
                                        Effect.valueOf((String) row[0]).key(),
                                        Instant.ofEpochSecond(((Number) row[1]).longValue()),
                                        ((Number) row[2]).longValue(),
                                        row[3] == null ? null : ((Number) row[3]).doubleValue()))
                .toList();
    }
}
