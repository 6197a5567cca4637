package io.orderflow.web.telemetry;

import io.orderflow.telemetry.Reading;
import io.orderflow.telemetry.ReadingsParser;
import io.orderflow.telemetry.TelemetryBatch;
import io.orderflow.telemetry.TelemetryIngest;
import io.orderflow.telemetry.TelemetryStats;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The telemetry firehose: a batch of readings is checked whole and queued as one message (202), or refused whole.
 * The database writes later, at its own pace; a full queue answers 503 with a Retry-After.
 */
@RequestScoped
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryResource {

    static final String NDJSON = "application/x-ndjson";

    @EJB
    TelemetryIngest ingest;

    @EJB
    TelemetryStats stats;

    @Inject
    @ConfigProperty(name = "orderflow.telemetry.max-readings", defaultValue = "5000")
    int maxReadings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acceptArray(InputStream body) {
        return accepted(new ReadingsParser(maxReadings).fromJsonArray(reader(body)));
    }

    @POST
    @Consumes(NDJSON)
    public Response acceptLines(InputStream body) {
        return accepted(new ReadingsParser(maxReadings).fromNdjson(reader(body)));
    }

    @GET
    @Path("stats")
    public TelemetryStats.Snapshot stats() {
        return stats.snapshot();
    }

    private Response accepted(List<Reading> readings) {
        TelemetryBatch batch = ingest.accept(readings);
        return Response.accepted(Map.of("batchId", batch.batchId(), "readings", readings.size())).build();
    }

    private static InputStreamReader reader(InputStream body) {
        return new InputStreamReader(body, StandardCharsets.UTF_8);
    }
}
