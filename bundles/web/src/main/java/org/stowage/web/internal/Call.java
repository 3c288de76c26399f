package org.stowage.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One API request: who sent it, the path parameters, query and JSON body, with readers that explain bad input. */
final class Call {

    /** Request bodies are small JSON objects; anything larger is a mistake or an attack. */
    private static final int MAX_BODY = 64 * 1024;

    final HttpServletRequest request;
    final HttpServletResponse response;
    final User user;
    private final Map<String, String> params;
    private JsonNode body;

    Call(HttpServletRequest request, HttpServletResponse response, User user, Map<String, String> params) {
        this.request = request;
        this.response = response;
        this.user = user;
        this.params = params;
    }

    String param(String name) {
        return params.get(name);
    }

    /** A query parameter, or {@code fallback} when absent or blank. */
    String query(String name, String fallback) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    String requiredQuery(String name, String example) {
        String value = query(name, null);
        if (value == null) {
            throw ApiException.badRequest("Query parameter '" + name + "' is missing, e.g. ?" + name + "=" + example);
        }
        return value;
    }

    int intQuery(String name, int fallback, int min, int max) {
        String value = query(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw ApiException.badRequest("Query parameter '" + name + "' is '" + value + "': use a whole number from "
                + min + " to " + max);
    }

    /** The JSON object sent as body; an empty body is an empty object. */
    JsonNode body() {
        if (body != null) {
            return body;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "The request body is larger than " + MAX_BODY + " bytes; send a small "
                        + "JSON object");
            }
            body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read: " + e.getMessage());
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object, e.g. {\"dryRun\": true}");
        }
        return body;
    }

    /** A text field of the body, or {@code fallback} when absent, null or blank. */
    String text(String field, String fallback) {
        JsonNode node = body().path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw ApiException.badRequest("Field '" + field + "' must be text, e.g. \"" + field + "\": \"...\"");
        }
        String value = node.asText().trim();
        return value.isEmpty() ? fallback : value;
    }

    String requiredText(String field, String example) {
        String value = text(field, null);
        if (value == null) {
            throw ApiException.badRequest("Field '" + field + "' is missing, e.g. {\"" + field + "\": \"" + example
                    + "\"}");
        }
        return value;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode node = body().path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("Field '" + field + "' must be true or false");
        }
        return node.booleanValue();
    }

    /** A list of texts: a JSON array of strings, or one string of comma-separated items; empty when absent. */
    List<String> list(String field) {
        return list(body(), field);
    }

    static List<String> list(JsonNode object, String field) {
        JsonNode node = object.path(field);
        List<String> values = new ArrayList<>();
        if (node instanceof MissingNode || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
            return values;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("Field '" + field + "' must be a list of texts, e.g. [\"a\", \"b\"]");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest("Field '" + field + "' must hold texts only, found " + item);
            }
            if (!item.asText().isBlank()) {
                values.add(item.asText().trim());
            }
        }
        return values;
    }

    /** Fails with 403 unless the caller has {@code role}; for calls whose role depends on the body. */
    void require(Role role, String what) {
        if (!user.role().includes(role)) {
            throw new ApiException(403, "User '" + user.name() + "' is " + user.role().label() + "; " + what
                    + " needs the " + role.label() + " role (Karaf role " + role.label() + " in etc/users.properties)");
        }
    }
}
