package org.stowage.web.internal;

/**
 * A request that fails with a known HTTP status; its message goes to the client as {@code {"error": ...}}, so it says
 * what was wrong and what to do, and never holds a secret.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException unavailable(String service) {
        return new ApiException(503, "The Stowage service " + service + " is not available: is the engine started "
                + "and the repository configured? Check with 'bundle:list | grep -i stowage' and 'scr:list' in the "
                + "Karaf shell.");
    }
}
