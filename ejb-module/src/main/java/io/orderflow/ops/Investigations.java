package io.orderflow.ops;

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
 * Failure groups someone is looking into: a note and a name on a fingerprint, so that the next
 * person on call does not retry what a colleague is still investigating. Each mark is also a line
 * of the desk's audit log.
 */
@Stateless
@RolesAllowed({Roles.STAFF, Roles.OPS})
public class Investigations {

    /** A failure group under investigation. */
    public record Investigation(String fingerprint, String note, String notedBy, Instant notedAt) {}

    @PersistenceContext EntityManager em;

    @Resource SessionContext caller;

    /** Marks the group, or replaces its note; a blank note lifts the mark. */
    @RolesAllowed(Roles.OPS)
    public void mark(String fingerprint, String source, String note) {
        String actor = caller.getCallerPrincipal().getName();
        Instant now = Instant.now();
        if (note.isBlank()) {
            em.createNativeQuery("delete from dead_letter_investigations where fingerprint = ?1")
                    .setParameter(1, fingerprint)
                    .executeUpdate();
        } else {
            em.createNativeQuery(
                            "insert into dead_letter_investigations (fingerprint, note, noted_by, noted_at) "
                                    + "values (?1, ?2, ?3, ?4) on conflict (fingerprint) do update set "
                                    + "note = excluded.note, noted_by = excluded.noted_by, noted_at = excluded.noted_at")
                    .setParameter(1, fingerprint)
                    .setParameter(2, note)
                    .setParameter(3, actor)
                    .setParameter(4, Timestamp.from(now))
                    .executeUpdate();
        }
        em.persist(
                new DeadLetterAction(
                        DeadLetterAction.Kind.INVESTIGATE,
                        actor,
                        now,
                        source,
                        fingerprint,
                        null,
                        note.isBlank() ? "investigation closed" : note));
    }

    /** By fingerprint, the groups under investigation. */
    public Map<String, Investigation> current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "select fingerprint, note, noted_by, noted_at from dead_letter_investigations")
                        .getResultList();
        return rows.stream()
                .map(
                        row ->
                                new Investigation(
                                        (String) row[0],
                                        (String) row[1],
                                        (String) row[2],
                                        (Instant) row[3]))
                .collect(Collectors.toMap(Investigation::fingerprint, i -> i));
    }
}
