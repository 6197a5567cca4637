package io.orderflow.web.problems;

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
 * constraint): a problem body like every other error of the API, instead of the container's HTML.
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
        int status = code instanceof Integer value ? value : response.getStatus();
        JsonObjectBuilder problem =
                JSON.createObjectBuilder()
                        .add("type", "about:blank")
                        .add(
                                "title",
                                switch (status) {
                                    case 401 -> "Unauthorized";
                                    case 403 -> "Forbidden";
                                    default -> "Error";
                                })
                        .add("status", status)
                        .add(
                                "detail",
                                switch (status) {
                                    case 401 ->
                                            "Customers' data and operations need the credentials of a staff user (role staff to read, ops to act).";
                                    case 403 ->
                                            "This user's role does not allow it: reading needs the role staff or ops, acting needs ops.";
                                    default -> "The request could not be served.";
                                });
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.add("instance", uri.toString());
        }
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.build().toString());
    }
}
