package org.stowage.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/**
 * Who a request comes from: a console session (cookie) or HTTP Basic credentials checked against the JAAS realm on
 * every request (for scripts: {@code curl -u user:password}). Also the CSRF rule for state-changing methods:
 * <ul>
 *   <li>with a session, header {@value Sessions#CSRF_HEADER} must carry the session's token;</li>
 *   <li>with Basic, the header must be present (any value): a page of another site cannot add a custom header to a
 *       cross-site request without a CORS preflight, which this API never grants;</li>
 *   <li>either way, an {@code Origin} header, when sent, must name this server.</li>
 * </ul>
 */
final class Authentication {

    private final Sessions sessions;
    private final JaasAuthenticator jaas;
    private final LoginThrottle throttle;

    Authentication(Sessions sessions, JaasAuthenticator jaas, LoginThrottle throttle) {
        this.sessions = sessions;
        this.jaas = jaas;
        this.throttle = throttle;
    }

    /** The caller and, for a session, its CSRF token (null for Basic). */
    record Caller(User user, String csrfToken) {
    }

    /**
     * @throws ApiException 401 without (valid) credentials, 403 for a user without a Stowage role
     */
    Caller authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Caller(basic(header.substring(6).trim()), null);
        }
        Optional<Sessions.Session> session = sessions.find(cookie(request));
        if (session.isPresent()) {
            return new Caller(session.get().user, session.get().csrfToken);
        }
        throw new ApiException(401, "Log in first: POST /stowage/api/login with {\"user\": ..., \"password\": ...} "
                + "(a user of Karaf's etc/users.properties), or send HTTP Basic credentials; a session ends after "
                + sessions.idle().toMinutes() + " idle minutes");
    }

    /** Checks a state-changing request against the CSRF rule above. */
    void checkCsrf(HttpServletRequest request, Caller caller) {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals(ownOrigin(request))) {
            throw new ApiException(403, "Cross-site request refused: Origin " + origin + " is not this server ("
                    + ownOrigin(request) + ")");
        }
        String token = request.getHeader(Sessions.CSRF_HEADER);
        boolean ok = caller.csrfToken() == null ? token != null && !token.isBlank()
                : caller.csrfToken().equals(token);
        if (!ok) {
            throw new ApiException(403, "Missing or wrong CSRF token: send header " + Sessions.CSRF_HEADER
                    + " with the csrfToken of POST /stowage/api/login or GET /stowage/api/session (with Basic "
                    + "credentials, any non-empty value)");
        }
    }

    /**
     * Logs in with name and password; 401 when they are wrong, 403 without a Stowage role, 429 after too many
     * failures for the name ({@link LoginThrottle}).
     */
    User login(String name, char[] password) {
        throttle.check(name);
        Optional<List<String>> roles = jaas.login(name, password);
        if (roles.isEmpty()) {
            throttle.failed(name);
            throw new ApiException(401, "User name or password is wrong (users of realm karaf: "
                    + "etc/users.properties)");
        }
        throttle.succeeded(name);
        Role role = Role.fromKarafRoles(roles.get());
        if (role == null) {
            throw new ApiException(403, "User '" + name + "' has none of the Karaf roles viewer, operator (or "
                    + "manager) and admin that open the Stowage console; an administrator adds one in "
                    + "etc/users.properties");
        }
        return new User(name, role);
    }

    private User basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(401, "The Basic credentials are not valid Base64 of user:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            throw new ApiException(401, "The Basic credentials must be user:password");
        }
        return login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (Sessions.COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static String ownOrigin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getHeader("Host");
    }
}
