package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.ResourceMethods;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API description at {@code /openapi}: every resource method is in it with the problems it may
 * answer; the problems the server really answers are the ones described; and the README's examples
 * are requests the description accepts, their bodies valid against its schemas.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void every_resource_method_is_described_with_the_problems_it_may_answer() throws Exception {
        JsonNode description = ResourceMethods.description();
        List<Method> methods = ResourceMethods.all();
        assertThat(methods).hasSizeGreaterThanOrEqualTo(15);
        for (Method method : methods) {
            String where = ResourceMethods.verb(method) + " " + ResourceMethods.path(method);
            JsonNode operation = operationOf(description, method);
            assertThat(operation.isObject()).as(where + " is described").isTrue();
            assertThat(operation.path("responses").path("500").path("content").has(PROBLEM_JSON))
                    .as(where + " answers 500 as a problem")
                    .isTrue();
            Refuses refuses = method.getAnnotation(Refuses.class);
            for (var type : refuses == null ? List.<ProblemType>of() : List.of(refuses.value())) {
                JsonNode response = operation.path("responses").path(String.valueOf(type.status()));
                assertThat(response.path("description").asText())
                        .as(where + " lists " + type.slug())
                        .contains(type.uri());
                assertThat(
                                response.path("content")
                                        .path(PROBLEM_JSON)
                                        .path("schema")
                                        .path("$ref")
                                        .asText())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }
    }

    /**
     * What code generators and linters (Redocly's recommended rules) need of a description: every
     * operation with its own operationId (the method name a generated client gets), a summary and a
     * tag; the servers.
     */
    @Test
    void every_operation_has_its_own_id_a_summary_and_a_tag() throws Exception {
        JsonNode description = ResourceMethods.description();
        Set<String> ids = new HashSet<>();
        for (Method method : ResourceMethods.all()) {
            String where = ResourceMethods.verb(method) + " " + ResourceMethods.path(method);
            JsonNode operation = operationOf(description, method);
            String id = operation.path("operationId").asText();
            assertThat(id).as(where + "'s operationId").matches("[a-z][A-Za-z]+");
            assertThat(ids.add(id)).as(id + " named once").isTrue();
            assertThat(operation.path("summary").asText()).as(where + "'s summary").isNotBlank();
            assertThat(operation.path("tags").size()).as(where + "'s tags").isPositive();
        }
        assertThat(description.path("servers").size()).as("servers").isPositive();
    }

    /**
     * Redocly's linter (the npm package {@code @redocly/cli}, which .ci/run installs) accepts the
     * description the server serves under its recommended rules, with no error and no warning. Its
     * telemetry and update check stay off: the test talks to loopback only.
     */
    @Test
    void redoclys_recommended_rules_accept_the_served_description() throws Exception {
        Path served = Files.createTempFile("orderflow-openapi", ".json");
        Files.writeString(served, ResourceMethods.description().toString());
        ProcessBuilder lint =
                new ProcessBuilder("redocly", "lint", "--extends=recommended", served.toString())
                        .redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process linter;
        try {
            linter = lint.start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException(
                    "Redocly's CLI is needed: npm install -g @redocly/cli (as .ci/run does)",
                    notInstalled);
        }
        String output = new String(linter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(linter.waitFor(2, TimeUnit.MINUTES)).as("redocly finished").isTrue();
        assertThat(linter.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains("is valid").doesNotContain("Warning was generated");
        Files.delete(served);
    }

    /**
     * docs/openapi.json, which the build generates the test client from and users may point their
     * generators at, is the description the server serves. When it is not, the served one is
     * written beside the failure to be copied over.
     */
    @Test
    void the_published_description_is_the_served_one() throws Exception {
        JsonNode served = ResourceMethods.description();
        Path published = Path.of(System.getProperty("orderflow.root"), "docs/openapi.json");
        Path copy = Path.of("target/served-openapi.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(copy.toFile(), served);
        assertThat(JSON.readTree(published.toFile()))
                .as(
                        "%s equals the served description (copy %s over it)",
                        published, copy.toAbsolutePath())
                .isEqualTo(served);
    }

    @Test
    void the_problems_the_server_answers_are_the_ones_described() throws Exception {
        JsonNode description = ResourceMethods.description();
        String customer = Orders.uniqueCustomer("openapi");
        assertDescribed(
                description,
                "post",
                "/api/orders",
                Api.postJson("/orders", Orders.body(customer, "tok_ok", "NO-SUCH-SKU", "1")));
        assertDescribed(description, "post", "/api/orders", Api.postJson("/orders", "{\"lines\":"));
        assertDescribed(
                description, "get", "/api/orders/{id}", Api.get("/orders/" + UUID.randomUUID()));
        assertDescribed(
                description,
                "post",
                "/api/telemetry",
                Api.postJson("/telemetry", "[{\"sensorId\":"));
        assertDescribed(description, "get", "/api/search", Api.get("/search?q=x"));
        assertDescribed(
                description,
                "post",
                "/api/ops/effects/{effect}/pause",
                Api.postJson("/ops/effects/no-such-effect/pause", "{}", Api.asOps()));
    }

    @Test
    void the_readme_examples_are_requests_the_description_accepts() throws Exception {
        JsonNode description = ResourceMethods.description();
        List<Example> examples = readmeExamples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
        SchemaRegistry schemas =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (Example example : examples) {
            Map.Entry<String, JsonNode> operation =
                    operation(description, example.verb(), example.path())
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "the README's "
                                                            + example
                                                            + " is not described"));
            if (example.body() == null) {
                continue;
            }
            JsonNode schema =
                    operation
                            .getValue()
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
            if (schema.isMissingNode()) {
                assertThat(JSON.readTree(example.body()).isEmpty())
                        .as(example + ": an operation without a body takes {}")
                        .isTrue();
                continue;
            }
            ObjectNode root = JSON.createObjectNode();
            root.setAll((ObjectNode) schema.deepCopy());
            root.set("components", description.path("components"));
            assertThat(schemas.getSchema(root).validate(JSON.readTree(example.body())))
                    .as(example + " against " + schema)
                    .isEmpty();
        }
    }

    private static JsonNode operationOf(JsonNode description, Method method) {
        return description
                .path("paths")
                .path(ResourceMethods.path(method))
                .path(ResourceMethods.verb(method));
    }

    private record Example(String verb, String path, String body) {
        @Override
        public String toString() {
            return verb.toUpperCase() + " " + path + (body == null ? "" : " " + body);
        }
    }

    /**
     * The curl commands to the API in the README and in docs/api.md, their continuation lines
     * joined (the tests run in src-test-it/, one level below the README).
     */
    private static List<Example> readmeExamples() throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("orderflow.root", ".."));
        String readme =
                (Files.readString(root.resolve("README.md"))
                                + Files.readString(root.resolve("docs/api.md")))
                        .replace("\\\n", " ");
        Pattern curl = Pattern.compile("curl [^\\n]*?localhost:8080(/api/[^\\s'\"`]*)[^\\n]*");
        Pattern body = Pattern.compile("-d '([^']*)'");
        List<Example> examples = new ArrayList<>();
        Matcher found = curl.matcher(readme);
        while (found.find()) {
            Matcher data = body.matcher(found.group());
            String json = data.find() ? data.group(1) : null;
            String path = found.group(1).replaceFirst("\\?.*", "");
            examples.add(new Example(json == null ? "get" : "post", path, json));
        }
        return examples;
    }

    /** The described operation whose path template matches a concrete path ({@code <id>} too). */
    private static Optional<Map.Entry<String, JsonNode>> operation(
            JsonNode description, String verb, String path) {
        Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String template = entry.getKey().replaceAll("\\{[^/]+}", "[^/]+");
            if (path.matches(template) && entry.getValue().has(verb)) {
                return Optional.of(Map.entry(entry.getKey(), entry.getValue().path(verb)));
            }
        }
        return Optional.empty();
    }

    private static void assertDescribed(
            JsonNode description, String verb, String path, Api.Reply reply) throws IOException {
        assertThat(reply.status()).as(reply.described()).isGreaterThanOrEqualTo(400);
        String type = JSON.readTree(reply.body()).path("type").asText();
        assertThat(
                        description
                                .path("paths")
                                .path(path)
                                .path(verb)
                                .path("responses")
                                .path(String.valueOf(reply.status()))
                                .path("description")
                                .asText())
                .as(verb + " " + path + " answered " + reply.status() + " " + type)
                .contains("`" + type + "`");
    }
}
