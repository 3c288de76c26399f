package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The hand-written openapi.json lists exactly the routes the servlet registers, with their roles. */
class OpenApiSyncTest {

    @Test
    void openApiDocumentMatchesTheRegisteredRoutes() throws Exception {
        ApiServlet servlet = new ApiServlet(new StowageServices(), null, config(), null);
        try {
            TreeSet<String> registered = new TreeSet<>();
            for (Router.Route route : servlet.router().routes()) {
                registered.add(route.method() + " " + route.template() + " "
                        + (route.role() == null ? "none (no login)" : route.role().label()));
            }
            TreeSet<String> documented = new TreeSet<>();
            JsonNode doc;
            try (InputStream in = ApiServlet.class.getResourceAsStream("/api/openapi.json")) {
                doc = Json.MAPPER.readTree(in);
            }
            for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
                String path = paths.next();
                for (Iterator<String> methods = doc.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                    String method = methods.next();
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path + " "
                            + doc.path("paths").path(path).path(method).path("x-stowage-role").asText());
                }
            }
            assertEquals(registered, documented, "openapi.json (src/main/resources/api) is out of date");
        } finally {
            servlet.deactivate();
        }
    }

    static WebConfig config() {
        return new WebConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebConfig.class;
            }

            @Override
            public String restore_roots() {
                return "/tmp/stowage-web-test";
            }

            @Override
            public int session_idle_minutes() {
                return 30;
            }

            @Override
            public String realm() {
                return "karaf";
            }

            @Override
            public int sample_seconds() {
                return 60;
            }
        };
    }
}
