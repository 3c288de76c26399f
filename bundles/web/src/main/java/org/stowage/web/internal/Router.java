package org.stowage.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes: method, path template ({@code /snapshots/{id}/tree}, relative to /stowage/api) and the least role
 * that may call it. Routes are added once at start and only read afterwards, so matching is thread-safe.
 */
final class Router {

    /** Answers one request; returns the JSON body ({@link Reply} for another status), or null once it wrote. */
    @FunctionalInterface
    interface Handler {
        Object handle(Call call) throws Exception;
    }

    record Route(String method, String template, Role role, Handler handler, Pattern pattern, List<String> names) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; {@code role} null means "no login needed" (the login itself). */
    Router add(String method, String template, Role role, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, role, handler, Pattern.compile(regex.toString()), names));
        return this;
    }

    /**
     * The route for this request.
     *
     * @throws ApiException 404 when no template matches the path, 405 naming the allowed methods when only the method
     *                      is wrong
     */
    Match match(String method, String path) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < route.names().size(); i++) {
                params.put(route.names().get(i), m.group(i + 1));
            }
            return new Match(route, params);
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, method + " is not allowed on " + path + "; use " + String.join(" or ",
                    allowed));
        }
        throw ApiException.notFound("No API resource " + path + "; the resources are listed in "
                + "/stowage/api/openapi.json");
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }
}
