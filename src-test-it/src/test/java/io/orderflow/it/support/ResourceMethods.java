package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.web.OrderFlowApi;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * The web module's resource methods as the API description names them ({@code get
 * /api/orders/{id}}), and the description the server serves at {@code /openapi}.
 */
public final class ResourceMethods {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceMethods() {}

    /**
     * Every method with an HTTP verb of a class with {@code @Path} among the web module's classes.
     */
    public static List<Method> all() {
        List<Method> methods = new ArrayList<>();
        try (ZipFile classes = new ZipFile(webClasses().toFile())) {
            for (String name :
                    classes.stream()
                            .map(entry -> entry.getName())
                            .filter(n -> n.startsWith("io/orderflow/web/") && n.endsWith(".class"))
                            .toList()) {
                Class<?> type = load(name.replace('/', '.').replaceFirst("\\.class$", ""));
                if (type.isAnnotationPresent(Path.class)) {
                    for (Method method : type.getDeclaredMethods()) {
                        if (!verb(method).isEmpty()) {
                            methods.add(method);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return methods;
    }

    /** {@code get}, {@code post}, {@code put}, {@code delete}, or empty for no verb. */
    public static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        return method.isAnnotationPresent(DELETE.class) ? "delete" : "";
    }

    /** The path template as the description writes it: {@code /api/orders/{id}/cancel}. */
    public static String path(Method method) {
        String joined =
                ("/api/"
                                + method.getDeclaringClass().getAnnotation(Path.class).value()
                                + "/"
                                + Optional.ofNullable(method.getAnnotation(Path.class))
                                        .map(Path::value)
                                        .orElse(""))
                        .replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/")
                ? joined.substring(0, joined.length() - 1)
                : joined;
    }

    /** The API description the server serves, as JSON. */
    public static JsonNode description() throws IOException {
        Api.Reply reply =
                Api.getAt(
                        Api.BASE.replaceFirst("/api$", ""),
                        "/openapi",
                        "Accept",
                        "application/json");
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static java.nio.file.Path webClasses() {
        try {
            return java.nio.file.Path.of(
                    OrderFlowApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ResourceMethods.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
