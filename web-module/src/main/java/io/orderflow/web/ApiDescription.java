package io.orderflow.web;

import io.orderflow.web.metrics.MetricsResource;
import io.orderflow.web.ops.CallerResource;
import io.orderflow.web.ops.DeadLettersResource;
import io.orderflow.web.ops.FlowResource;
import io.orderflow.web.ops.HeldEventsResource;
import io.orderflow.web.ops.OperationsResource;
import io.orderflow.web.ops.StaffOrdersResource;
import io.orderflow.web.orders.OrdersResource;
import io.orderflow.web.problems.Problem;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import io.orderflow.web.products.ProductsResource;
import io.orderflow.web.search.SearchResource;
import io.orderflow.web.telemetry.TelemetryResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes the API description the server reads from the resources: under every operation, its
 * error answers by status, each naming the problem types it may carry ({@link Refuses}), the 500
 * any operation may answer, the 406 of an Accept without JSON, and for one that needs a role
 * ({@link RolesAllowed}, the same annotation that decides access) HTTP Basic with its 401 and 403.
 * {@code OpenApiIT} checks that every resource method is described.
 */
public class ApiDescription implements OASFilter {

    static final List<Class<?>> RESOURCES =
            List.of(
                    OrdersResource.class,
                    ProductsResource.class,
                    TelemetryResource.class,
                    SearchResource.class,
                    StaffOrdersResource.class,
                    DeadLettersResource.class,
                    HeldEventsResource.class,
                    OperationsResource.class,
                    FlowResource.class,
                    CallerResource.class,
                    MetricsResource.class);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                httpMethod(method)
                        .flatMap(verb -> operation(api, resource, method, verb))
                        .ifPresent(
                                operation -> {
                                    describeErrors(operation, method);
                                    describeEmptyBody(operation, method);
                                });
            }
        }
    }

    private static void describeErrors(Operation operation, Method method) {
        List<ProblemType> problems = new ArrayList<>();
        Refuses refuses = method.getAnnotation(Refuses.class);
        if (refuses != null) {
            problems.addAll(List.of(refuses.value()));
        }
        problems.add(ProblemType.INTERNAL_ERROR);
        Map<Integer, List<ProblemType>> byStatus =
                problems.stream()
                        .collect(
                                Collectors.groupingBy(
                                        ProblemType::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach(
                (status, types) ->
                        operation
                                .getResponses()
                                .addAPIResponse(
                                        String.valueOf(status),
                                        problem(
                                                types.stream()
                                                        .map(
                                                                type ->
                                                                        "`"
                                                                                + type.uri()
                                                                                + "`: "
                                                                                + type.title())
                                                        .collect(Collectors.joining("; ")))));
        // every resource answers JSON only: an Accept without it is refused before the method runs
        operation
                .getResponses()
                .addAPIResponse(
                        "406",
                        problem(
                                "`about:blank`: the request's Accept names no type the operation"
                                        + " answers with"));
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            operation
                    .addSecurityRequirement(
                            OASFactory.createSecurityRequirement().addScheme("basic"))
                    .getResponses()
                    .addAPIResponse("401", problem("`about:blank`: no or wrong credentials"))
                    .addAPIResponse(
                            "403",
                            problem(
                                    "`about:blank`: the user holds none of the roles "
                                            + String.join(", ", roles.value())));
        }
    }

    /**
     * An operation that reads nothing from its body still asks for JSON ({@link Consumes}), so that
     * a browser's form or simple request cannot make it on someone's behalf: described as a
     * required JSON object, so that a generated client sends one.
     */
    private static void describeEmptyBody(Operation operation, Method method) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (operation.getRequestBody() == null
                && consumes != null
                && List.of(consumes.value()).contains(MediaType.APPLICATION_JSON)) {
            operation.requestBody(
                    OASFactory.createRequestBody()
                            .required(true)
                            .description(
                                    "Any JSON object; {} will do: the operation reads nothing from it")
                            .content(
                                    OASFactory.createContent()
                                            .addMediaType(
                                                    MediaType.APPLICATION_JSON,
                                                    OASFactory.createMediaType()
                                                            .schema(
                                                                    OASFactory.createSchema()
                                                                            .addType(
                                                                                    Schema
                                                                                            .SchemaType
                                                                                            .OBJECT)))));
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(
                        OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE.toString(),
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema().ref("Problem"))));
    }

    private static Optional<Operation> operation(
            OpenAPI api, Class<?> resource, Method method, PathItem.HttpMethod verb) {
        PathItem item = api.getPaths().getPathItem(path(resource, method));
        return Optional.ofNullable(item).map(found -> found.getOperations().get(verb));
    }

    /** {@code /api} and the class's and the method's paths, as the description writes them. */
    private static String path(Class<?> resource, Method method) {
        String joined =
                "/api/"
                        + resource.getAnnotation(Path.class).value()
                        + "/"
                        + Optional.ofNullable(method.getAnnotation(Path.class))
                                .map(Path::value)
                                .orElse("");
        String path = joined.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1)
                : path;
    }

    private static Optional<PathItem.HttpMethod> httpMethod(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return Optional.of(PathItem.HttpMethod.GET);
        }
        if (method.isAnnotationPresent(POST.class)) {
            return Optional.of(PathItem.HttpMethod.POST);
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return Optional.of(PathItem.HttpMethod.PUT);
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return Optional.of(PathItem.HttpMethod.DELETE);
        }
        return Optional.empty();
    }
}
