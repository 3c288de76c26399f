package org.stowage.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Console login and logout, and who is logged in (with the CSRF token the console sends back). */
final class SessionEndpoints {

    private final Sessions sessions;
    private final Authentication authentication;

    SessionEndpoints(Sessions sessions, Authentication authentication) {
        this.sessions = sessions;
        this.authentication = authentication;
    }

    void register(Router router) {
        router.add("POST", "/login", null, this::login)
                .add("POST", "/logout", Role.VIEWER, this::logout)
                .add("GET", "/session", null, this::session);
    }

    private Object login(Call call) {
        String name = call.requiredText("user", "karaf");
        String password = call.requiredText("password", "...");
        User user = authentication.login(name, password.toCharArray());
        Sessions.Session session = sessions.create(user);
        // SameSite=Strict: the browser sends the cookie with requests from this console only; Path limits it to us
        call.response.addHeader("Set-Cookie", Sessions.COOKIE + "=" + session.id + "; Path=/stowage; HttpOnly; "
                + "SameSite=Strict" + (call.request.isSecure() ? "; Secure" : ""));
        return view(user, session.csrfToken);
    }

    private Object logout(Call call) {
        sessions.remove(Authentication.cookie(call.request));
        call.response.addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=/stowage; Max-Age=0; HttpOnly; "
                + "SameSite=Strict");
        return Map.of("loggedOut", true);
    }

    /**
     * Who is logged in; {@code {"user": null}} (200, not 401) without a login, so that the console can ask on load
     * without a failed request in the browser's console.
     */
    private Object session(Call call) {
        Authentication.Caller caller;
        try {
            caller = authentication.authenticate(call.request);
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("user", null);
            return none;
        }
        return view(caller.user(), caller.csrfToken());
    }

    private Map<String, Object> view(User user, String csrfToken) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("user", user.name());
        view.put("role", user.role().label());
        view.put("csrfToken", csrfToken);
        view.put("idleMinutes", sessions.idle().toMinutes());
        return view;
    }
}
