package flagbench.server;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * What reaches WireMock at all, decided before anything reads the request: flag URLs take GET
 * and HEAD without a body, and of WireMock's admin API only flagbench's own control routes
 * exist (WireMock's generic mappings, files, requests, recordings, settings and shutdown are 404),
 * never for a browser: a request with an {@code Origin} is refused, so a web page cannot steer a
 * loopback server. A control request is let through only with the token and a body of at most
 * {@value #MAX_CONTROL_BODY} bytes whose length is announced: WireMock reads an admin request's
 * body whole before it asks for the token, so a tokenless chunked flood would otherwise fill the
 * heap. A refused request is answered at once and its connection closed; Jetty drains and
 * discards whatever body still comes, so a body nobody asked for never piles up in memory.
 */
final class RequestGate extends HandlerWrapper {

    private static final String ADMIN_ROOT = ControlRoutes.ADMIN_ROOT;
    private static final Set<String> FLAG_METHODS = Set.of("GET", "HEAD");
    /** The longest control body: a latency such as {@code lognormal:100ms:0.5} is a few dozen bytes. */
    static final int MAX_CONTROL_BODY = 256;

    private final ControlToken token;

    RequestGate(ControlToken token) {
        this.token = token;
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = target; // decoded and normalised, as the contexts behind will route it: not the raw URI
        if (path.equals(ADMIN_ROOT) || path.startsWith(ADMIN_ROOT + "/")) {
            if (!ControlRoutes.isControlPath(path)) {
                refuse(base, response, 404, "404 Not Found");
            } else if (request.getHeader("Origin") != null) {
                refuse(base, response, 403, "403 control routes do not answer web pages");
            } else if (!token.accepts(request.getHeader(ControlToken.HEADER))) {
                refuse(base, response, 401, "401 control routes need the server's token in " + ControlToken.HEADER);
            } else if (request.getHeader("Transfer-Encoding") != null) {
                refuse(base, response, 411, "411 a control body needs a Content-Length");
            } else if (request.getContentLengthLong() > MAX_CONTROL_BODY) {
                refuse(base, response, 413, "413 a control body has at most " + MAX_CONTROL_BODY + " bytes");
            } else {
                super.handle(target, base, request, response);
            }
            return;
        }
        if (!FLAG_METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            refuse(base, response, 405, "405 flag URLs take GET and HEAD only");
        } else if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            refuse(base, response, 413, "413 flag requests have no body");
        } else {
            super.handle(target, base, request, response);
        }
    }

    private static void refuse(Request base, HttpServletResponse response, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Connection", "close"); // whatever body follows is not read: drop the connection
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        base.setHandled(true);
    }
}
