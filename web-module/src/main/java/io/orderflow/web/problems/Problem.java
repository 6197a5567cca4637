package io.orderflow.web.problems;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem body. Every error OrderFlow answers with is one of these, with a detail
 * written for the client; causes, class names and traces stay in the server log.
 */
public final class Problem {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
    public static final String TYPE_PREFIX = "urn:orderflow:problem:";

    private Problem() {}

    public static Response response(
            ProblemType type, String detail, String instance, Map<String, Object> extensions) {
        return response(type.status(), type.slug(), type.title(), detail, instance, extensions);
    }

    /** A problem of its own status and title: {@code type} null for {@code about:blank}. */
    public static Response response(
            int status,
            String type,
            String title,
            String detail,
            String instance,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type == null ? "about:blank" : TYPE_PREFIX + type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
