package io.orderflow.ops;

import io.orderflow.InvalidRequest;
import io.orderflow.OrderId;
import io.orderflow.effects.deadletters.DeadLetter;
import io.orderflow.effects.deadletters.DeadLetterQueues;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.effects.deadletters.DeadLetterWatch;
import io.orderflow.effects.failures.FailedAttempt;
import io.orderflow.effects.failures.FailureHistory;
import io.orderflow.effects.failures.FailureLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The dead-letter desk: every message in OrderFlow's dead-letter queues with the failure that put
 * it there; send them back to their queue (one, a selection, or every one with the same failure)
 * once the cause is fixed, or discard them with a reason. Every action is its own transaction,
 * written to an audit log with the caller's name.
 */
@Stateless
@RolesAllowed(Roles.OPS)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterDesk {

    @EJB DeadLetterWatch watch;

    @EJB DeadLetterActions actions;

    @EJB Investigations investigations;

    @EJB FailureLog failureLog;

    @Inject DeadLetterQueues queues;

    @PersistenceContext EntityManager em;

    /** What waits in the dead-letter queues now. */
    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public List<DeadLetterEntry> list() {
        return watch.waiting().stream().map(DeadLetterDesk::entryOf).toList();
    }

    /** The letters grouped by failure, the largest group first, each with its investigation. */
    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public List<FailureGroup> groups(List<DeadLetterEntry> letters) {
        Map<String, Investigations.Investigation> investigated = investigations.current();
        return letters.stream()
                .collect(Collectors.groupingBy(DeadLetterEntry::fingerprint))
                .values()
                .stream()
                .map(members -> groupOf(members, investigated.get(members.get(0).fingerprint())))
                .sorted(Comparator.comparingInt(FailureGroup::count).reversed())
                .toList();
    }

    private static FailureGroup groupOf(
            List<DeadLetterEntry> members, Investigations.Investigation investigation) {
        DeadLetterEntry first = members.get(0);
        List<Instant> deadLettered =
                members.stream().map(DeadLetterEntry::deadLetteredAt).sorted().toList();
        return new FailureGroup(
                first.fingerprint(),
                first.source(),
                first.failure(),
                members.size(),
                (int) members.stream().filter(DeadLetterEntry::repeatedFailure).count(),
                deadLettered.get(0),
                deadLettered.get(deadLettered.size() - 1),
                investigation,
                members.stream().map(DeadLetterEntry::messageId).toList());
    }

    /** The letter waiting under that message id. */
    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public DeadLetterEntry entry(String messageId) {
        return list().stream()
                .filter(entry -> entry.messageId().equals(messageId))
                .findFirst()
                .orElseThrow(() -> new DeadLetterNotFound(messageId));
    }

    /**
     * The letters an action is for: those with the given message ids, or every one of a failure
     * group; exactly one of the two must be given.
     */
    public List<DeadLetterEntry> selected(List<String> messageIds, String fingerprint) {
        boolean byIds = messageIds != null && !messageIds.isEmpty();
        boolean byGroup = fingerprint != null && !fingerprint.isBlank();
        if (byIds == byGroup) {
            throw new InvalidRequest("messageIds", "or fingerprint: give exactly one of them");
        }
        return list().stream()
                .filter(
                        entry ->
                                byIds
                                        ? messageIds.contains(entry.messageId())
                                        : fingerprint.equals(entry.fingerprint()))
                .toList();
    }

    /** Where the letters of a failure group come from; refused if no letter waiting has it. */
    public String sourceOfGroup(String fingerprint) {
        return list().stream()
                .filter(entry -> entry.fingerprint().equals(fingerprint))
                .findFirst()
                .map(DeadLetterEntry::source)
                .orElseThrow(
                        () ->
                                new InvalidRequest(
                                        "fingerprint",
                                        "names no group of the dead letters waiting"));
    }

    /**
     * A dead letter as the broker holds it: its body and its properties, browsed where it waits.
     * Empty when it is no longer there.
     */
    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public Optional<DeadLetterMessage> message(DeadLetterEntry entry) {
        DeadLetterSource source = DeadLetterSource.named(entry.source()).orElseThrow();
        return queues.peek(source, entry.messageId()).map(DeadLetterMessage::of);
    }

    /**
     * The failed attempts that led to the letter: its source's at its event, the earliest first;
     * none for a letter that names no order (a reading, a void).
     */
    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public List<FailedAttempt> attemptsOf(DeadLetterEntry entry) {
        if (entry.orderId() == null) {
            return List.of();
        }
        return failureLog.attemptsOf(OrderId.fromString(entry.orderId())).stream()
                .filter(attempt -> attempt.effect().key().equals(entry.source()))
                .filter(attempt -> attempt.eventId().equals(entry.eventId()))
                .toList();
    }

    /**
     * Sends the given dead letters back to their queues; returns how many were still there to send.
     */
    public int retry(Collection<DeadLetterEntry> selected) {
        return settle(selected, actions::retry);
    }

    /** Removes the given dead letters for good; returns how many were still there to remove. */
    public int discard(Collection<DeadLetterEntry> selected, String reason) {
        return settle(selected, entry -> actions.discard(entry, reason));
    }

    /**
     * Each letter settled in its own transaction, its original then removed from the dead-letter
     * queue.
     */
    private int settle(Collection<DeadLetterEntry> selected, Predicate<DeadLetterEntry> action) {
        int settled = 0;
        for (DeadLetterEntry entry : selected) {
            if (action.test(entry)) {
                settled++;
                queues.removeSettled(
                        DeadLetterSource.named(entry.source()).orElseThrow(), entry.messageId());
            }
        }
        return settled;
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public List<DeadLetterAction> auditLog(int limit) {
        return em.createQuery(
                        "select a from DeadLetterAction a order by a.id desc",
                        DeadLetterAction.class)
                .setMaxResults(limit)
                .getResultList();
    }

    private static DeadLetterEntry entryOf(DeadLetter letter) {
        FailureHistory failures = letter.failures();
        String source = DeadLetterSource.ofOriginQueue(letter.originQueue()).orElseThrow().name();
        return new DeadLetterEntry(
                letter.messageId(),
                source,
                letter.eventId(),
                letter.orderId() == null ? null : letter.orderId().toString(),
                letter.eventType(),
                failures.last(),
                failures.permanent(),
                failures.failedAttempts(),
                failures.firstFailedAt(),
                failures.lastFailedAt(),
                letter.deadLetteredAt(),
                letter.retries(),
                letter.retries() > 0);
    }
}
