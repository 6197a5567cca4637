package io.orderflow.web.problems;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for what the servlet container answers itself (401 and 403 of the security
 * constraint): a problem body like every other error of the API, instead of the container's HTML; a
 * browser (it accepts text/html) gets a short page that says which role is missing, unstyled: the
 * page's policy allows no inline style, and the operator's stylesheet is for staff only.
 */
@WebServlet("/problem")
public class ProblemPage extends HttpServlet {

    /**
     * JSON.createX() looks the provider up through the ServiceLoader on every call; this looks it
     * up once.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for by its own address, it is not an error page of anything
        int status = code instanceof Integer value ? value : 404;
        JsonObjectBuilder problem =
                JSON.createObjectBuilder()
                        .add("type", "about:blank")
                        .add(
                                "title",
                                switch (status) {
                                    case 401 -> "Unauthorized";
                                    case 403 -> "Forbidden";
                                    case 404 -> "Not Found";
                                    default -> "Error";
                                })
                        .add("status", status)
                        .add(
                                "detail",
                                switch (status) {
                                    case 401 -> HttpErrorMapper.UNAUTHORIZED;
                                    case 403 -> HttpErrorMapper.FORBIDDEN;
                                    case 404 -> "There is nothing at this address.";
                                    default -> "The request could not be served.";
                                });
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.add("instance", uri.toString());
        }
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        JsonObject body = problem.build();
        if (wantsPage(request)) {
            response.setContentType("text/html");
            response.getWriter().write(page(body));
            return;
        }
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.getWriter().write(body.toString());
    }

    /** A browser opening the operator's page gets a page it can show, not JSON. */
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static String page(JsonObject problem) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s · OrderFlow operations</title></head>
                <body><main class="refusal"><h1>%1$s</h1><p id="refusal">%2$s</p>
                <p>Ask whoever runs this WildFly for a user in the application realm with the role
                <code>staff</code> (to read) or <code>ops</code> (to act), then open
                <a href="/ops/">the operator's page</a> again.</p></main></body></html>
                """
                .formatted(problem.getString("title"), problem.getString("detail"));
    }
}
