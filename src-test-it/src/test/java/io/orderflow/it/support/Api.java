package io.orderflow.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** OrderFlow's REST API, as a client sees it over HTTP. */
public final class Api {

    public static final String BASE =
            "http://127.0.0.1:" + System.getProperty("orderflow.it.http.port", "8180") + "/api";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, HttpResponse<String> raw) {

        public String body() {
            return raw.body();
        }

        /**
         * The body, for an assertion's description; for a 500 that quotes an incident, with what
         * the server logged under it, since a run's server logs are gone once the run is over.
         */
        public String described() {
            if (status != 500 || !body().contains("\"incident\"")) {
                return body();
            }
            String incident = json().getString("incident");
            return body()
                    + ServerLog.incident(incident)
                            .map(logged -> "\nthe server logged:\n" + logged)
                            .orElse("");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readObject();
            }
        }

        public JsonValue jsonValue() {
            try (var reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readValue();
            }
        }
    }

    private Api() {}

    /** The Authorization header of a user with the role ops. */
    public static String[] asOps() {
        return basic(TestServices.OPS_USER, TestServices.opsPassword());
    }

    /**
     * The Authorization header of a user with the role staff, who may read customers' data but act
     * on nothing.
     */
    public static String[] asStaff() {
        return basic(TestServices.STAFF_USER, TestServices.opsPassword());
    }

    public static String[] basic(String user, String password) {
        String credentials =
                Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new String[] {"Authorization", "Basic " + credentials};
    }

    /** The API of one server on this machine, when a test must pick it (a cluster node). */
    public static String base(int port) {
        return "http://127.0.0.1:" + port + "/api";
    }

    public static Reply get(String path, String... headers) {
        return getAt(BASE, path, headers);
    }

    public static Reply getAt(String base, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public static Reply postJson(String path, String body, String... headers) {
        return postAt(BASE, path, "application/json", body, headers);
    }

    public static Reply postJsonAt(String base, String path, String body, String... headers) {
        return postAt(base, path, "application/json", body, headers);
    }

    public static Reply post(String path, String contentType, String body, String... headers) {
        return postAt(BASE, path, contentType, body, headers);
    }

    public static Reply postAt(
            String base, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            request.timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
