package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.ResourceMethods;
import io.orderflow.it.support.TestServices;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deny by default, tried from outside: every operation of the API description and every resource
 * method, called by every kind of caller, at its address as written and spelled five other ways. An
 * operation that needs a role answers a caller without it 401 or 403 (or 404 where the spelling
 * names nothing), never its success, and its resource never runs for them (the refusal is {@code
 * about:blank}, never one of OrderFlow's own problems); the caller with the role gets the
 * operation's own answer. Each operation is probed with a request that its resource answers without
 * changing anything (an unknown id, an invalid body), so the matrix can run on a server other tests
 * use. An operation added without a probe here, or without a decision on its method, fails this
 * test.
 */
@ExtendWith(ArquillianExtension.class)
class AccessIT {

    private static final String CHALLENGE = "Basic realm=\"OrderFlow staff\"";

    private static final String ORDER = UUID.randomUUID().toString();

    /** A request per operation and what its resource answers to it. */
    private record Probe(String path, String query, String body, int answer) {

        static Probe get(String path, int answer) {
            return new Probe(path, "", null, answer);
        }

        static Probe post(String path, String body, int answer) {
            return new Probe(path, "", body, answer);
        }

        Probe withQuery(String query) {
            return new Probe(path, query, body, answer);
        }
    }

    private static final Map<String, Probe> PROBES =
            Map.ofEntries(
                    Map.entry("get /api/products", Probe.get("/api/products", 200)),
                    Map.entry("post /api/orders", Probe.post("/api/orders", "{}", 400)),
                    Map.entry("get /api/orders/{id}", Probe.get("/api/orders/" + ORDER, 404)),
                    Map.entry(
                            "post /api/orders/{id}/cancel",
                            Probe.post("/api/orders/" + ORDER + "/cancel", "{}", 404)),
                    Map.entry(
                            "post /api/telemetry",
                            Probe.post("/api/telemetry", "[{\"sensorId\":", 400)),
                    Map.entry("get /api/telemetry/stats", Probe.get("/api/telemetry/stats", 200)),
                    Map.entry(
                            "get /api/search",
                            Probe.get("/api/search", 200).withQuery("?q=nobody-at-all")),
                    Map.entry(
                            "get /api/ops/orders/{id}", Probe.get("/api/ops/orders/" + ORDER, 404)),
                    Map.entry(
                            "get /api/ops/orders/{id}/journey",
                            Probe.get("/api/ops/orders/" + ORDER + "/journey", 404)),
                    Map.entry("get /api/ops/dead-letters", Probe.get("/api/ops/dead-letters", 200)),
                    Map.entry(
                            "get /api/ops/dead-letters/{messageId}",
                            Probe.get("/api/ops/dead-letters/ID:nothing", 404)),
                    Map.entry(
                            "get /api/ops/dead-letters/audit",
                            Probe.get("/api/ops/dead-letters/audit", 200)),
                    Map.entry(
                            "post /api/ops/dead-letters/investigations",
                            Probe.post("/api/ops/dead-letters/investigations", "{}", 400)),
                    Map.entry(
                            "post /api/ops/dead-letters/retry",
                            Probe.post(
                                    "/api/ops/dead-letters/retry",
                                    "{\"messageIds\":[\"ID:nothing\"]}",
                                    200)),
                    Map.entry(
                            "post /api/ops/dead-letters/discard",
                            Probe.post(
                                    "/api/ops/dead-letters/discard",
                                    "{\"messageIds\":[\"ID:nothing\"]}",
                                    400)),
                    Map.entry("get /api/ops/effects", Probe.get("/api/ops/effects", 200)),
                    Map.entry(
                            "post /api/ops/effects/{effect}/pause",
                            Probe.post("/api/ops/effects/no-such-effect/pause", "{}", 404)),
                    Map.entry(
                            "post /api/ops/effects/{effect}/resume",
                            Probe.post("/api/ops/effects/no-such-effect/resume", "{}", 404)),
                    Map.entry(
                            "post /api/ops/effects/{effect}/kill-switch",
                            Probe.post(
                                    "/api/ops/effects/no-such-effect/kill-switch",
                                    "{\"enabled\":true}",
                                    404)),
                    Map.entry("get /api/ops/flow", Probe.get("/api/ops/flow", 200)),
                    Map.entry("get /api/ops/held-events", Probe.get("/api/ops/held-events", 200)),
                    Map.entry(
                            "post /api/ops/held-events/release",
                            Probe.post("/api/ops/held-events/release", "{}", 400)),
                    Map.entry(
                            "post /api/ops/held-events/discard",
                            Probe.post("/api/ops/held-events/discard", "{}", 400)),
                    Map.entry("get /api/ops/me", Probe.get("/api/ops/me", 200)),
                    Map.entry("get /api/metrics", Probe.get("/api/metrics", 200)));

    private enum Caller {
        ANONYMOUS(null),
        WRONG_PASSWORD(null),
        NO_ROLE(null),
        STAFF("staff"),
        OPS("ops"),
        MONITORING("monitoring");

        private final String role;

        Caller(String role) {
            this.role = role;
        }

        /** Staff and ops read the operator's page; nobody else. */
        boolean readsThePage() {
            return this == STAFF || this == OPS;
        }

        String[] headers() {
            return switch (this) {
                case ANONYMOUS -> new String[0];
                case WRONG_PASSWORD -> Api.basic(TestServices.MISTYPED_USER, "not-the-password");
                case NO_ROLE -> Api.basic(TestServices.CLERK_USER, TestServices.opsPassword());
                case STAFF -> Api.asStaff();
                case OPS -> Api.asOps();
                case MONITORING ->
                        Api.basic(TestServices.MONITORING_USER, TestServices.monitoringPassword());
            };
        }
    }

    /**
     * How else a client may spell an address. The first three reach the same resource method in
     * Jakarta REST; the others may name nothing (404), or the same method.
     */
    private enum Spelling {
        AS_WRITTEN,
        TRAILING_SLASH,
        MATRIX_PARAMETER,
        DOUBLED_SLASH,
        ENCODED_LETTER,
        OTHER_CASE;

        /** The path, {@code /api/...}, spelled this way. */
        String of(String path) {
            String rest = path.substring("/api/".length());
            return switch (this) {
                case AS_WRITTEN -> path;
                case TRAILING_SLASH -> path + "/";
                case MATRIX_PARAMETER -> path + ";v=1";
                case DOUBLED_SLASH -> "/api//" + rest;
                case ENCODED_LETTER ->
                        "/api/%" + Integer.toHexString(rest.charAt(0)) + rest.substring(1);
                case OTHER_CASE -> "/api/" + rest.toUpperCase();
            };
        }

        boolean reachesTheMethod() {
            return this == AS_WRITTEN || this == TRAILING_SLASH || this == MATRIX_PARAMETER;
        }
    }

    @Test
    void every_operation_is_probed_and_every_resource_method_decides_who_may_call_it()
            throws Exception {
        Set<String> described = operationsOf(ResourceMethods.description());
        Set<String> methods = new TreeSet<>();
        for (Method method : ResourceMethods.all()) {
            String operation = operation(method);
            methods.add(operation);
            assertThat(
                            method.isAnnotationPresent(PermitAll.class)
                                    ^ method.isAnnotationPresent(RolesAllowed.class))
                    .as(operation + " carries exactly one of @PermitAll, @RolesAllowed")
                    .isTrue();
        }

        assertThat(described).isEqualTo(methods);
        assertThat(PROBES.keySet()).containsExactlyInAnyOrderElementsOf(methods);
    }

    @Test
    void the_description_says_which_operations_need_which_roles() throws Exception {
        JsonNode paths = ResourceMethods.description().path("paths");
        for (Method method : ResourceMethods.all()) {
            JsonNode operation =
                    paths.path(ResourceMethods.path(method)).path(ResourceMethods.verb(method));
            RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
            assertThat(operation.path("security").isEmpty())
                    .as(operation(method) + " is open to anyone in the description")
                    .isEqualTo(roles == null);
            if (roles != null) {
                assertThat(operation.path("responses").path("403").path("description").asText())
                        .as(operation(method))
                        .contains(String.join(", ", roles.value()));
            }
        }
    }

    @Test
    void every_caller_at_every_spelling_of_every_operation_gets_the_answer_it_is_due() {
        SoftAssertions softly = new SoftAssertions();
        int calls = 0;
        for (Method method : ResourceMethods.all()) {
            Probe probe = PROBES.get(operation(method));
            RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
            for (Caller caller : Caller.values()) {
                int due = dueTo(caller, roles, probe);
                for (Spelling spelling : Spelling.values()) {
                    String path = spelling.of(probe.path()) + probe.query();
                    Api.Reply reply = call(method, path, probe, caller);
                    calls++;
                    String where = caller + " " + ResourceMethods.verb(method) + " " + path;
                    if (spelling.reachesTheMethod()) {
                        softly.assertThat(reply.status()).as(where).isEqualTo(due);
                    } else {
                        softly.assertThat(reply.status()).as(where).isIn(due, 404);
                    }
                    if (due == 401 || due == 403 || reply.status() == 404 && due != 404) {
                        softly.assertThat(problemType(reply))
                                .as(where + ": refused before its resource")
                                .isEqualTo("about:blank");
                    }
                    if (reply.status() == 401) {
                        softly.assertThat(reply.header("WWW-Authenticate"))
                                .as(where)
                                .isEqualTo(CHALLENGE);
                    }
                    assertDefended(softly, where, reply);
                }
            }
        }
        softly.assertAll();
        assertThat(calls).isGreaterThanOrEqualTo(PROBES.size() * 30);
        assertThat(
                        Api.get(
                                        "/ops/me",
                                        Api.basic(
                                                TestServices.MISTYPED_USER,
                                                TestServices.opsPassword()))
                                .status())
                .as("after so many wrong passwords, the realm locks the user out for a while")
                .isEqualTo(401);
    }

    /**
     * The operator's page is static files: staff and ops read them, nobody else under any spelling;
     * the error page is no page of its own; the API description is public.
     */
    @Test
    void the_operators_page_is_for_staff_however_its_address_is_spelled() {
        String site = Api.BASE.replaceFirst("/api$", "");
        List<String> spellings =
                List.of(
                        "/ops/",
                        "/ops/index.html",
                        "/ops/console.js",
                        "/ops/console.css",
                        "/ops//console.js",
                        "/ops;v=1/console.js",
                        "/%6Fps/console.js",
                        "/ops/console.js/",
                        "/OPS/console.js",
                        "/ops/%2e%2e/ops/console.js");
        SoftAssertions softly = new SoftAssertions();
        for (Caller caller : Caller.values()) {
            for (String path : spellings) {
                Api.Reply reply = Api.getAt(site, path, caller.headers());
                String where = caller + " " + path;
                if (!caller.readsThePage()) {
                    softly.assertThat(reply.status()).as(where).isIn(401, 403, 404);
                    softly.assertThat(reply.body())
                            .as(where)
                            .doesNotContain("OrderFlow operations");
                } else if (path.equals("/ops/") || path.equals("/ops/console.js")) {
                    softly.assertThat(reply.status()).as(where).isEqualTo(200);
                }
                assertDefended(softly, where, reply);
            }
            Api.Reply errorPage = Api.getAt(site, "/problem", caller.headers());
            softly.assertThat(errorPage.status())
                    .as(caller + " /problem")
                    .isEqualTo(caller == Caller.WRONG_PASSWORD ? 401 : 404);
        }
        softly.assertThat(Api.getAt(site, "/ops/").header("WWW-Authenticate")).isEqualTo(CHALLENGE);
        softly.assertThat(Api.getAt(site, "/").status()).isGreaterThanOrEqualTo(400);
        softly.assertThat(Api.getAt(site, "/openapi").status()).isEqualTo(200);
        softly.assertAll();
    }

    /**
     * WildFly's management interface: its model and its console's calls need a management user; the
     * health probes and the Prometheus scrape answer anyone who reaches its loopback address.
     */
    @Test
    void the_management_interface_asks_for_its_own_users_but_for_health_and_metrics() {
        assertThat(Api.getAt(Management.BASE, "/management").status()).isEqualTo(401);
        assertThat(
                        Api.postAt(
                                        Management.BASE,
                                        "/management",
                                        "application/json",
                                        "{\"operation\":\"read-resource\",\"address\":[]}")
                                .status())
                .isEqualTo(401);
        assertThat(Api.getAt(Management.BASE, "/management", Api.asOps()).status())
                .as("an application user is not a management user")
                .isEqualTo(401);
        assertThat(Api.getAt(Management.BASE, "/health/ready").status()).isIn(200, 503);
        assertThat(Api.getAt(Management.BASE, "/prometheus").status()).isEqualTo(200);
    }

    private static void assertDefended(SoftAssertions softly, String where, Api.Reply reply) {
        softly.assertThat(reply.header("Content-Security-Policy"))
                .as(where)
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        softly.assertThat(reply.header("X-Content-Type-Options")).as(where).isEqualTo("nosniff");
        softly.assertThat(reply.header("X-Frame-Options")).as(where).isEqualTo("DENY");
        softly.assertThat(reply.header("Referrer-Policy")).as(where).isEqualTo("no-referrer");
    }

    /**
     * The answer due to the caller as written: a wrong password is refused wherever it is sent, the
     * server checks any credentials it gets.
     */
    private static int dueTo(Caller caller, RolesAllowed roles, Probe probe) {
        if (caller == Caller.WRONG_PASSWORD) {
            return 401;
        }
        if (roles == null) {
            return probe.answer();
        }
        if (caller == Caller.ANONYMOUS) {
            return 401;
        }
        return caller.role != null && List.of(roles.value()).contains(caller.role)
                ? probe.answer()
                : 403;
    }

    private static Api.Reply call(Method method, String path, Probe probe, Caller caller) {
        String site = Api.BASE.replaceFirst("/api$", "");
        return ResourceMethods.verb(method).equals("get")
                ? Api.getAt(site, path, caller.headers())
                : Api.postAt(site, path, "application/json", probe.body(), caller.headers());
    }

    private static String problemType(Api.Reply reply) {
        String type = reply.header("Content-Type");
        return type != null && type.startsWith("application/problem+json")
                ? reply.json().getString("type")
                : "not a problem: " + type;
    }

    private static String operation(Method method) {
        return ResourceMethods.verb(method) + " " + ResourceMethods.path(method);
    }

    private static Set<String> operationsOf(JsonNode description) {
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<String> verbs = new ArrayList<>();
            path.getValue().fieldNames().forEachRemaining(verbs::add);
            verbs.stream()
                    .filter(v -> Set.of("get", "post", "put", "delete", "patch").contains(v))
                    .forEach(v -> operations.add(v + " " + path.getKey()));
        }
        return operations;
    }
}
