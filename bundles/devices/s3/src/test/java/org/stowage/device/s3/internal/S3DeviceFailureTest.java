package org.stowage.device.s3.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;
import static org.stowage.device.testkit.TestBlobs.slice;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.device.s3.internal.FaultProxy.Fault;

/**
 * The S3 driver against a real S3 server (S3Proxy) that fails: through a loopback {@link FaultProxy} that answers
 * throttling and 5xx, corrupts or shortens bodies and stalls; and a server that goes away and comes back. No mocks.
 */
class S3DeviceFailureTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3Server server;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private FaultProxy proxy;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start(0);
        server.createBucket("failures");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private TestConfig behindProxy() throws IOException {
        proxy = new FaultProxy(server.endpoint());
        closeables.add(proxy);
        TestConfig config = TestConfig.of(server, "failures", "f/" + PREFIXES.incrementAndGet());
        config.endpoint = proxy.endpoint();
        return config;
    }

    private S3Device open(TestConfig config) {
        return open(config, S3Device.LIST_PAGE);
    }

    private S3Device open(TestConfig config, int listPage) {
        S3Device device = new S3Device(config.settings(), new DefaultCamelContext(),
                java.time.Clock.systemUTC(), listPage);
        closeables.add(0, device);
        return device;
    }

    private static BlobName data(String id) {
        return BlobName.of(BlobType.DATA, id);
    }

    @Test
    void throttlingIsRetriedAndMakesTheDeviceBusy() throws Exception {
        S3Device device = open(behindProxy());
        byte[] content = random(100_000, 1);
        proxy.inject(Fault.SLOW_DOWN, 2, "PUT", 0);
        device.put(data("throttled"), heap(content));
        assertEquals(2, proxy.injected());
        assertArrayEquals(content, bytes(device.get(data("throttled"), ByteRange.ALL)));
        DeviceStatus status = device.status();
        assertEquals(DeviceState.BUSY, status.state(), "status after SlowDown: " + status);
        assertTrue(status.reason().contains("S3 throttling") && status.reason().contains("SlowDown")
                && status.reason().contains(proxy.endpoint()), "reason: " + status.reason());
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        S3Device device = open(behindProxy());
        byte[] content = random(70_000, 2);
        device.put(data("five-hundred"), heap(content));
        proxy.inject(Fault.INTERNAL_ERROR, 3, "GET", 0);
        assertArrayEquals(slice(content, 1000, 5000), bytes(device.get(data("five-hundred"), ByteRange.of(1000, 5000))));
        assertEquals(3, proxy.injected());
        assertEquals(DeviceState.IDLE, device.status().state());
    }

    @Test
    void throttlingBeyondTheAttemptsFailsNamingDeviceEndpointAndBlob() throws Exception {
        TestConfig config = behindProxy();
        config.retryAttempts = 3;
        S3Device device = open(config);
        device.status();
        proxy.inject(Fault.SLOW_DOWN, 1000, null, 0);
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(data("never"), heap(random(10, 3))));
        assertTrue(e.getMessage().contains("'s3-test'") && e.getMessage().contains(proxy.endpoint())
                && e.getMessage().contains("data/never") && e.getMessage().contains("SlowDown")
                && e.getMessage().contains("3 attempt"), e.getMessage());
        proxy.clear();
        assertEquals(java.util.Optional.empty(), device.stat(data("never")));
    }

    @Test
    void corruptBodiesAreRetriedAndNeverReturned() throws Exception {
        S3Device device = open(behindProxy());
        byte[] content = random(200_000, 4);
        device.put(data("flipped"), heap(content));
        proxy.inject(Fault.FLIP_BYTE, 2, "GET", 0);
        assertArrayEquals(content, bytes(device.get(data("flipped"), ByteRange.ALL)));
        assertEquals(2, proxy.injected());

        proxy.inject(Fault.FLIP_BYTE, 1000, "GET", 0);
        DeviceException e = assertThrows(DeviceException.class, () -> device.get(data("flipped"), ByteRange.ALL));
        assertTrue(e.getMessage().contains("CRC32C stored with the object") && e.getMessage().contains("data/flipped"),
                e.getMessage());
    }

    @Test
    void shortBodiesAreDetectedOnRangedAndWholeReads() throws Exception {
        S3Device device = open(behindProxy());
        byte[] content = random(100_000, 5);
        device.put(data("short"), heap(content));
        proxy.inject(Fault.SHORT_BODY, 1000, "GET", 0);
        DeviceException ranged = assertThrows(DeviceException.class,
                () -> device.get(data("short"), ByteRange.of(10, 50_000)));
        assertTrue(ranged.getMessage().contains("Content-Length"), ranged.getMessage());
        assertThrows(DeviceException.class, () -> device.get(data("short"), ByteRange.ALL));
        proxy.inject(Fault.SHORT_BODY, 1, "GET", 0);
        assertArrayEquals(slice(content, 10, 50_000), bytes(device.get(data("short"), ByteRange.of(10, 50_000))));
    }

    @Test
    void stalledRequestsTimeOutAndAreRetried() throws Exception {
        TestConfig config = behindProxy();
        config.socketTimeout = 1;
        S3Device device = open(config);
        byte[] content = random(10_000, 6);
        device.put(data("stall"), heap(content));
        proxy.inject(Fault.STALL, 1, "GET", 0);
        assertArrayEquals(content, bytes(device.get(data("stall"), ByteRange.ALL)));
        assertEquals(1, proxy.injected());
    }

    @Test
    void anErrorMidMultipartUploadIsRetriedWithoutLeavingParts() throws Exception {
        TestConfig config = behindProxy();
        config.multipartThreshold = "5m";
        config.partSize = "5m";
        S3Device device = open(config);
        byte[] content = random(12 * 1024 * 1024 + 3, 7);
        proxy.inject(Fault.INTERNAL_ERROR, 1, "PUT", 1); // the second part of the first attempt
        device.put(data("pack"), heap(content));
        assertEquals(1, proxy.injected());
        assertArrayEquals(content, bytes(device.get(data("pack"), ByteRange.ALL)));
        assertArrayEquals(slice(content, 5 * 1024 * 1024 - 10, 20),
                bytes(device.get(data("pack"), ByteRange.of(5 * 1024 * 1024 - 10, 20))), "across a part boundary");
        device.put(data("pack"), heap(content)); // same content: no-op, compared byte by byte (no SHA-256 metadata)
        byte[] other = content.clone();
        other[other.length - 1] ^= 1;
        assertThrows(org.stowage.api.device.BlobExistsException.class, () -> device.put(data("pack"), heap(other)));
        assertEquals(content.length, device.status().usedBytes());
    }

    @Test
    void listPagesThroughManyObjects() throws Exception {
        S3Device device = open(TestConfig.of(server, "failures", "f/" + PREFIXES.incrementAndGet()), 7);
        for (int i = 0; i < 40; i++) {
            device.put(data(String.format("blob-%02d", i)), heap(random(i, i)));
        }
        List<String> ids = new ArrayList<>();
        device.list(BlobType.DATA, info -> ids.add(info.name().id()));
        assertEquals(40, ids.size());
        assertEquals(40 * 39 / 2, device.status().usedBytes(), "used bytes after 40 puts");
        S3Device reopened = open(TestConfig.of(server, "failures", "f/" + PREFIXES.get()), 7);
        assertEquals(40 * 39 / 2, reopened.status().usedBytes(), "used bytes counted by listing at open");
    }

    @Test
    void inFlightAboveTheLimitMakesTheDeviceBusy() throws Exception {
        TestConfig config = behindProxy();
        config.maxInFlight = 1;
        S3Device device = open(config);
        device.put(data("held"), heap(random(100, 8)));
        proxy.inject(Fault.STALL, 2, "GET", 0);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> quietGet(device));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> quietGet(device));
        await().atMost(Duration.ofSeconds(20)).until(() -> device.status().state() == DeviceState.BUSY);
        assertTrue(device.status().reason().contains("max.in.flight=1"), device.status().reason());
        proxy.releaseStalls();
        CompletableFuture.allOf(first, second).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> device.status().state() == DeviceState.IDLE);
    }

    private static void quietGet(S3Device device) {
        try {
            device.get(data("held"), ByteRange.ALL);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void serverThatGoesAwayIsOfflineAndComesBackWithoutReactivation() throws Exception {
        try (S3Server own = S3Server.start(0)) {
            own.createBucket("away");
            TestConfig config = TestConfig.of(own, "away", "");
            config.retryAttempts = 2;
            S3Device device = open(config);
            byte[] content = random(50_000, 9);
            device.put(data("kept"), heap(content));
            own.stop();

            DeviceException e = assertThrows(DeviceException.class, () -> device.put(data("lost"), heap(content)));
            assertTrue(e.getMessage().contains("'s3-test'") && e.getMessage().contains(own.endpoint()), e.getMessage());
            DeviceStatus down = device.status();
            assertEquals(DeviceState.OFFLINE, down.state(), "status: " + down);
            assertTrue(down.reason().contains(own.endpoint()), down.reason());

            own.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> device.status().state() == DeviceState.IDLE);
            assertArrayEquals(content, bytes(device.get(data("kept"), ByteRange.ALL)));
            device.put(data("after"), heap(content));
        }
    }

    @Test
    void unreachableAtStartIsOfflineUntilTheServerAnswers() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TestConfig config = TestConfig.of(server, "late", "");
        config.endpoint = "http://127.0.0.1:" + port;
        config.createBucket = true;
        S3Device device = open(config);
        DeviceStatus status = device.status();
        assertEquals(DeviceState.OFFLINE, status.state());
        assertTrue(status.reason().contains(config.endpoint), status.reason());
        try (S3Server late = S3Server.start(port)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> device.status().state() == DeviceState.IDLE);
            device.put(data("first"), heap(random(10, 10)));
            assertTrue(late.store().containerExists("late"), "create.bucket did not create the bucket");
        }
    }

    @Test
    void aMissingBucketIsOfflineWithAReasonNamingIt() {
        S3Device device = open(TestConfig.of(server, "no-such-bucket", ""));
        DeviceStatus status = device.status();
        assertEquals(DeviceState.OFFLINE, status.state());
        assertTrue(status.reason().contains("no-such-bucket"), status.reason());
        assertFalse(server.store().containerExists("no-such-bucket"), "bucket created without create.bucket");
    }

    @Test
    void theSecretNeverShowsInMessagesStatusOrDetails() throws Exception {
        TestConfig config = behindProxy();
        config.secretKey = "wrong-SECRET-4711";
        S3Device device = open(config);
        List<String> texts = new ArrayList<>();
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(data("x"), heap(random(10, 11))));
        for (Throwable t = e; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t));
        }
        texts.add(device.status().toString());
        texts.add(device.details().toString());
        texts.add(config.settings().toString());
        proxy.inject(Fault.SLOW_DOWN, 1000, null, 0);
        TestConfig good = TestConfig.of(server, "failures", "f/secret");
        good.endpoint = proxy.endpoint();
        good.retryAttempts = 2;
        S3Device throttled = open(good);
        texts.add(throttled.status().toString());
        texts.add(assertThrows(DeviceException.class, () -> throttled.get(data("x"), ByteRange.ALL)).getMessage());
        for (String text : texts) {
            assertFalse(text.contains("wrong-SECRET-4711") || text.contains(S3Server.SECRET_KEY), text);
        }
        assertTrue(texts.get(0).contains("SignatureDoesNotMatch") || texts.get(0).contains("403"), texts.get(0));
    }
}
