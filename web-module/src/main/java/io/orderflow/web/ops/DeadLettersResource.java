package io.orderflow.web.ops;

import io.orderflow.InvalidRequest;
import io.orderflow.OrderId;
import io.orderflow.effects.EffectLedger;
import io.orderflow.effects.Failure;
import io.orderflow.ops.DeadLetterAction;
import io.orderflow.ops.DeadLetterDesk;
import io.orderflow.ops.DeadLetterEntry;
import io.orderflow.ops.DeadLetterMessage;
import io.orderflow.ops.DeadLetterNotFound;
import io.orderflow.ops.Investigations;
import io.orderflow.ops.Roles;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter desk: what is dead-lettered, grouped by failure; send back or discard one, a
 * selection, or a whole group. Staff read it; acting on it needs the role {@code ops}.
 */
@RequestScoped
@Tag(
        name = "dead letters",
        description =
                "The dead-letter desk: list, inspect, retry and discard (staff read, ops act)")
@Path("/ops/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    /**
     * Dead letters with the same cause: one outage, one group, however many messages.
     *
     * @param investigation the note of whoever looks into it, if anyone does
     */
    public record Group(
            String fingerprint,
            String source,
            Failure failure,
            int count,
            int repeatedFailures,
            Instant firstSeen,
            Instant lastSeen,
            Investigations.Investigation investigation,
            List<String> messageIds) {}

    /**
     * One dead letter in full: what the desk recorded, the message as it waits (absent once it is
     * gone), and every failed attempt of its event in its effect.
     */
    public record Detail(
            DeadLetterEntry deadLetter, DeadLetterMessage message, List<AttemptView> attempts) {}

    /** A note on a failure group; a blank note closes the investigation. */
    public record Note(String fingerprint, String note) {}

    public record Listing(int total, List<Group> groups, List<DeadLetterEntry> deadLetters) {}

    /** Which dead letters an action is for: the message ids, or every one of a failure group. */
    public record Selection(List<String> messageIds, String fingerprint, String reason) {}

    public record Outcome(int selected, int done) {}

    @EJB DeadLetterDesk desk;

    @EJB Investigations investigations;

    @EJB EffectLedger ledger;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @GET
    @Operation(
            operationId = "listDeadLetters",
            summary = "List the dead letters, grouped by failure")
    public Listing list() {
        List<DeadLetterEntry> entries = desk.list();
        Map<String, Investigations.Investigation> investigated = investigations.current();
        List<Group> groups =
                entries.stream()
                        .collect(Collectors.groupingBy(DeadLetterEntry::fingerprint))
                        .values()
                        .stream()
                        .map(
                                members ->
                                        new Group(
                                                members.get(0).fingerprint(),
                                                members.get(0).source(),
                                                members.get(0).failure(),
                                                members.size(),
                                                (int)
                                                        members.stream()
                                                                .filter(
                                                                        DeadLetterEntry
                                                                                ::repeatedFailure)
                                                                .count(),
                                                members.stream()
                                                        .map(DeadLetterEntry::deadLetteredAt)
                                                        .min(Comparator.naturalOrder())
                                                        .orElseThrow(),
                                                members.stream()
                                                        .map(DeadLetterEntry::deadLetteredAt)
                                                        .max(Comparator.naturalOrder())
                                                        .orElseThrow(),
                                                investigated.get(members.get(0).fingerprint()),
                                                members.stream()
                                                        .map(DeadLetterEntry::messageId)
                                                        .toList()))
                        .sorted(Comparator.comparingInt(Group::count).reversed())
                        .toList();
        return new Listing(entries.size(), groups, entries);
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.NOT_FOUND)
    @GET
    @Path("{messageId}")
    @Operation(
            operationId = "getDeadLetter",
            summary = "Read a dead letter: its message and its failed attempts")
    public Detail detail(@PathParam("messageId") String messageId) {
        DeadLetterEntry entry =
                desk.list().stream()
                        .filter(e -> e.messageId().equals(messageId))
                        .findFirst()
                        .orElseThrow(() -> new DeadLetterNotFound(messageId));
        List<AttemptView> attempts =
                entry.orderId() == null
                        ? List.of()
                        : ledger.attemptsOf(OrderId.fromString(entry.orderId())).stream()
                                .filter(a -> a.effect().key().equals(entry.source()))
                                .filter(a -> a.eventId().equals(entry.eventId()))
                                .map(AttemptView::of)
                                .toList();
        return new Detail(entry, desk.message(entry).orElse(null), attempts);
    }

    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.INVALID_REQUEST, ProblemType.MALFORMED_BODY})
    @POST
    @Path("investigations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "noteInvestigation",
            summary = "Mark a failure group under investigation, or close it")
    public Note investigate(Note note) {
        if (note == null || note.fingerprint() == null || note.note() == null) {
            throw new InvalidRequest(
                    "fingerprint", "and note are both needed (a blank note closes)");
        }
        if (note.note().length() > 500) {
            throw new InvalidRequest("note", "must be at most 500 characters");
        }
        DeadLetterEntry member =
                desk.list().stream()
                        .filter(e -> e.fingerprint().equals(note.fingerprint()))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new InvalidRequest(
                                                "fingerprint",
                                                "names no group of the dead letters waiting"));
        investigations.mark(note.fingerprint(), member.source(), note.note().strip());
        return note;
    }

    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.INVALID_REQUEST, ProblemType.MALFORMED_BODY})
    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retryDeadLetters", summary = "Send dead letters back to their queue")
    public Outcome retry(Selection selection) {
        List<DeadLetterEntry> selected = select(selection);
        return new Outcome(selected.size(), desk.retry(selected));
    }

    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.INVALID_REQUEST, ProblemType.MALFORMED_BODY})
    @POST
    @Path("discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "discardDeadLetters",
            summary = "Remove dead letters for good, with a reason")
    public Outcome discard(Selection selection) {
        Reasons.require(
                selection == null ? null : selection.reason(), "the dead letters are discarded");
        List<DeadLetterEntry> selected = select(selection);
        return new Outcome(selected.size(), desk.discard(selected, selection.reason()));
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.INVALID_REQUEST)
    @GET
    @Path("audit")
    @Operation(
            operationId = "getDeadLetterAudit",
            summary = "Read who retried or discarded what, and when")
    public List<Map<String, Object>> audit(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequest("limit", "must be between 1 and 1000");
        }
        return desk.auditLog(limit).stream().map(DeadLettersResource::viewOf).toList();
    }

    private List<DeadLetterEntry> select(Selection selection) {
        boolean byIds =
                selection != null
                        && selection.messageIds() != null
                        && !selection.messageIds().isEmpty();
        boolean byGroup =
                selection != null
                        && selection.fingerprint() != null
                        && !selection.fingerprint().isBlank();
        if (byIds == byGroup) {
            throw new InvalidRequest("messageIds", "or fingerprint: give exactly one of them");
        }
        return desk.list().stream()
                .filter(
                        entry ->
                                byIds
                                        ? selection.messageIds().contains(entry.messageId())
                                        : selection.fingerprint().equals(entry.fingerprint()))
                .toList();
    }

    private static Map<String, Object> viewOf(DeadLetterAction action) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", action.id());
        view.put("action", action.action());
        view.put("actor", action.actor());
        view.put("at", action.actedAt());
        view.put("source", action.effect());
        view.put("eventId", action.eventId());
        if (action.orderId() != null) {
            view.put("orderId", action.orderId().toString());
        }
        if (action.reason() != null) {
            view.put("reason", action.reason());
        }
        return view;
    }
}
