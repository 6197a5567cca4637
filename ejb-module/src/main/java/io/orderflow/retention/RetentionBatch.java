package io.orderflow.retention;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes one small batch of rows past their window, in a transaction of its own: locks are held
 * for milliseconds, and rows a running transaction holds are skipped, not waited for (the next
 * sweep takes them).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionBatch {

    @PersistenceContext EntityManager em;

    public int delete(Kept kept, Instant before, int limit) {
        String where =
                kept.timeColumn
                        + " < ?1"
                        + (kept.condition == null ? "" : " and " + kept.condition);
        return em.createNativeQuery(
                        "delete from "
                                + kept.table
                                + " where ctid = any(array(select ctid from "
                                + kept.table
                                + " where "
                                + where
                                + " limit ?2 for update skip locked))")
                .setParameter(1, Timestamp.from(before))
                .setParameter(2, limit)
                .executeUpdate();
    }
}
