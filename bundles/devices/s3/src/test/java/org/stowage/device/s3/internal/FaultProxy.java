package org.stowage.device.s3.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy in front of a real S3 server that injects faults into chosen requests: S3 error answers
 * (503 SlowDown, 500 InternalError), corrupt or short response bodies, and stalls. Everything else is forwarded
 * unchanged, including the Host header, so S3's signature checks still pass.
 */
final class FaultProxy implements AutoCloseable {

    static {
        // SigV4 signs the Host header: the proxy must forward the client's, not its own.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    enum Fault { SLOW_DOWN, INTERNAL_ERROR, FLIP_BYTE, SHORT_BODY, STALL }

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String backend;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger skip = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Fault fault;
    private volatile String method;

    FaultProxy(String backend) throws IOException {
        this.backend = backend;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Injects {@code fault} into {@code times} requests of {@code method} (null: any), after skipping {@code after}. */
    void inject(Fault fault, int times, String method, int after) {
        this.method = method;
        this.fault = fault;
        skip.set(after);
        remaining.set(times);
    }

    void clear() {
        remaining.set(0);
    }

    int injected() {
        return injected.get();
    }

    /** Lets stalled requests go on (they then get no answer; the client has given up on them). */
    void releaseStalls() {
        release.countDown();
    }

    private Fault take(String requestMethod) {
        if (fault == null || (method != null && !method.equals(requestMethod)) || remaining.get() <= 0) {
            return null;
        }
        if (skip.getAndDecrement() > 0) {
            return null;
        }
        if (remaining.getAndDecrement() <= 0) {
            return null;
        }
        injected.incrementAndGet();
        return fault;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault now = take(exchange.getRequestMethod());
            if (now == Fault.SLOW_DOWN) {
                error(exchange, 503, "SlowDown", "Please reduce your request rate.");
            } else if (now == Fault.INTERNAL_ERROR) {
                error(exchange, 500, "InternalError", "We encountered an internal error. Please try again.");
            } else if (now == Fault.STALL) {
                release.await(60, TimeUnit.SECONDS);
            } else {
                forward(exchange, body, now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange, byte[] body, Fault now) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] out = response.body();
        if (now == Fault.FLIP_BYTE && out.length > 0) {
            out[out.length / 2] ^= 0x40;
        } else if (now == Fault.SHORT_BODY && out.length > 1) {
            out = Arrays.copyOf(out, out.length - 1);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!name.startsWith(":") && (!NOT_FORWARDED.contains(lower) || (head && lower.equals("content-length")))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        int status = response.statusCode();
        boolean noBody = head || status == 204 || status == 304 || out.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : out.length);
        if (!noBody) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, xml.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(xml);
        }
    }

    @Override
    public void close() {
        releaseStalls();
        server.stop(0);
        executor.shutdownNow();
    }
}
