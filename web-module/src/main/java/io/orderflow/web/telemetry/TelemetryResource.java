package io.orderflow.web.telemetry;

import io.orderflow.InvalidRequest;
import io.orderflow.ops.Roles;
import io.orderflow.telemetry.Reading;
import io.orderflow.telemetry.ReadingsParser;
import io.orderflow.telemetry.TelemetryBatch;
import io.orderflow.telemetry.TelemetryIngest;
import io.orderflow.telemetry.TelemetryStats;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The telemetry firehose: a batch of readings is checked whole and queued as one message (202), or
 * refused whole. The database writes later, at its own pace; a full queue answers 503 with a
 * Retry-After.
 */
@RequestScoped
@Tag(name = "telemetry", description = "Sensor readings, taken in batches through a bounded queue")
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryResource {

    static final String NDJSON = "application/x-ndjson";
    static final String BATCH_ID = "Batch-Id";

    @EJB TelemetryIngest ingest;

    @EJB TelemetryStats stats;

    @Inject
    @ConfigProperty(name = "orderflow.telemetry.max-readings", defaultValue = "5000")
    int maxReadings;

    /** A batch as a JSON array or as NDJSON, one reading per line. */
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the batch id and its readings, written later")
    @Refuses({
        ProblemType.MALFORMED_READINGS,
        ProblemType.INVALID_REQUEST,
        ProblemType.BODY_TOO_LARGE,
        ProblemType.INVALID_READINGS,
        ProblemType.QUEUE_FULL,
        ProblemType.SERVICE_UNAVAILABLE
    })
    @PermitAll
    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(ref = "ReadingsBatch")),
                @Content(
                        mediaType = NDJSON,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "one Reading as JSON per line"))
            })
    @Operation(operationId = "sendReadings", summary = "Send a batch of readings")
    public Response accept(
            InputStream body,
            @HeaderParam(BATCH_ID) String batchId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type) {
        UUID id = batchId(batchId);
        ReadingsParser parser = new ReadingsParser(maxReadings);
        return accepted(
                MediaType.valueOf(NDJSON).isCompatible(type)
                        ? parser.fromNdjson(reader(body))
                        : parser.fromJsonArray(reader(body)),
                id);
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.SERVICE_UNAVAILABLE)
    @GET
    @Path("stats")
    @Operation(
            operationId = "getTelemetryStats",
            summary = "Read what was accepted, refused, queued and written")
    public TelemetryStats.Snapshot stats() {
        return stats.snapshot();
    }

    private Response accepted(List<Reading> readings, UUID batchId) {
        TelemetryBatch batch = ingest.accept(readings, batchId);
        return Response.accepted(Map.of("batchId", batch.batchId(), "readings", readings.size()))
                .build();
    }

    /** The client's id for its batch, a UUID, or none. */
    private static UUID batchId(String header) {
        if (header == null) {
            return null;
        }
        try {
            return UUID.fromString(header);
        } catch (IllegalArgumentException notAUuid) {
            throw new InvalidRequest(
                    BATCH_ID, "must be a UUID, the same for every retry of one batch");
        }
    }

    private static InputStreamReader reader(InputStream body) {
        return new InputStreamReader(body, StandardCharsets.UTF_8);
    }
}
