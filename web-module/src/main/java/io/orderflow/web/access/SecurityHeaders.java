package io.orderflow.web.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What every answer tells the browser, the operator's page and the API alike: load scripts, styles
 * and data from this server only and run no inline script (an injected one does not run), never
 * show it inside another site's frame (a page that frames the desk cannot trick an operator who is
 * logged in into clicking its buttons), take each answer as the type it says, send no address to
 * other sites, and keep no copy of customers' data on disk. The error pages of the security
 * constraint go through it too.
 */
@WebFilter(
        urlPatterns = "/*",
        // a filter that does not say so keeps every request behind it synchronous, and the checkout
        // answers at its deadline from another thread
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // for browsers that predate frame-ancestors
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
