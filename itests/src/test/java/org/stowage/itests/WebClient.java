package org.stowage.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the Stowage REST API over loopback, as one user: with Basic credentials, or with the session cookie and
 * CSRF token of a login. Remembers every answer's body so that a test can check that none holds a secret. Runs in the
 * probe.
 */
final class WebClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    record Answer(int status, String body, HttpResponse<byte[]> raw) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String error() {
            return json().path("error").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final List<String> bodies;
    private String authorization;
    private String cookie;
    private String csrf;

    WebClient(int port, List<String> bodies) {
        this.base = "http://127.0.0.1:" + port;
        this.bodies = bodies;
    }

    static List<String> bodies() {
        return new CopyOnWriteArrayList<>();
    }

    /** Sends HTTP Basic credentials and, for state-changing calls, a CSRF header (any value does with Basic). */
    WebClient basic(String user, String password) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        csrf = "1";
        return this;
    }

    /** Logs in: keeps the session cookie and the CSRF token. */
    Answer login(String user, String password) throws Exception {
        Answer answer = send("POST", "/stowage/api/login", "{\"user\":\"" + user + "\",\"password\":\"" + password
                + "\"}");
        if (answer.status() == 200) {
            String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = answer.json().path("csrfToken").asText();
        }
        return answer;
    }

    WebClient withoutCsrf() {
        csrf = null;
        return this;
    }

    Answer get(String path) throws Exception {
        return send("GET", path, null);
    }

    Answer send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null && !method.equals("GET")) {
            request.header("X-Stowage-CSRF", csrf);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        bodies.add(body);
        return new Answer(response.statusCode(), body, response);
    }

    /** The event stream's lines, as they arrive. */
    java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> events() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/stowage/api/events"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    }
}
