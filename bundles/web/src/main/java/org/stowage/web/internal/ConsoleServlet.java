package org.stowage.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The browser console's static files under /stowage/: the page, its script and style from the bundle's
 * {@code console/} folder, and uPlot from its WebJar below /stowage/webjars/. They hold no data: everything the
 * console shows comes from the API, which needs a login, and the page asks for one first.
 */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/stowage/*",
        "osgi.http.whiteboard.servlet.name=stowage-console"})
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String WEBJARS = "/webjars/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "png", "image/png", "ico", "image/x-icon");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        URL resource = resource(path);
        if (resource == null) {
            response.setStatus(404);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("Not found: " + path + ". The console is at /stowage/, the API at /stowage/api/");
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; frame-ancestors 'none'");
        // the WebJar's path carries its version: cache it; the console's own files change with the bundle
        response.setHeader("Cache-Control", path.startsWith(WEBJARS) ? "public, max-age=31536000, immutable"
                : "no-cache");
        try (InputStream in = resource.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** The bundle resource for a request path; null for anything else (no "..", no class files). */
    static URL resource(String path) {
        if (path.contains("..") || path.contains("//") || !path.matches("[A-Za-z0-9/._-]+")) {
            return null;
        }
        String name = path.startsWith(WEBJARS) ? "/META-INF/resources" + path : "/console" + path;
        return ConsoleServlet.class.getResource(name);
    }
}
