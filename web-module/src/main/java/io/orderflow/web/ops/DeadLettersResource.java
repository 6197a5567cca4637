package io.orderflow.web.ops;

import io.orderflow.InvalidRequest;
import io.orderflow.ops.DeadLetterAction;
import io.orderflow.ops.DeadLetterDesk;
import io.orderflow.ops.DeadLetterEntry;
import io.orderflow.ops.DeadLetterMessage;
import io.orderflow.ops.FailureGroup;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * One dead letter in full: what the desk recorded, the message as it waits (absent once it is
     * gone), and every failed attempt of its event in its effect.
     */
    public record Detail(
            DeadLetterEntry deadLetter, DeadLetterMessage message, List<AttemptView> attempts) {}

    /** A note on a failure group; a blank note closes the investigation. */
    public record Note(String fingerprint, String note) {}

    public record Listing(
            int total, List<FailureGroup> groups, List<DeadLetterEntry> deadLetters) {}

    /** Which dead letters an action is for: the message ids, or every one of a failure group. */
    public record Selection(List<String> messageIds, String fingerprint, String reason) {}

    public record Outcome(int selected, int done) {}

    @EJB DeadLetterDesk desk;

    @EJB Investigations investigations;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @GET
    @Operation(
            operationId = "listDeadLetters",
            summary = "List the dead letters, grouped by failure")
    public Listing list() {
        List<DeadLetterEntry> entries = desk.list();
        return new Listing(entries.size(), desk.groups(entries), entries);
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.NOT_FOUND)
    @GET
    @Path("{messageId}")
    @Operation(
            operationId = "getDeadLetter",
            summary = "Read a dead letter: its message and its failed attempts")
    public Detail detail(@PathParam("messageId") String messageId) {
        DeadLetterEntry entry = desk.entry(messageId);
        List<AttemptView> attempts = desk.attemptsOf(entry).stream().map(AttemptView::of).toList();
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
        investigations.mark(
                note.fingerprint(), desk.sourceOfGroup(note.fingerprint()), note.note().strip());
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
        return selection == null
                ? desk.selected(null, null)
                : desk.selected(selection.messageIds(), selection.fingerprint());
    }

    private static Map<String, Object> viewOf(DeadLetterAction action) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", action.id());
        view.put("action", action.action());
        view.put("actor", action.actor());
        view.put("at", action.actedAt());
        view.put("source", action.source());
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
