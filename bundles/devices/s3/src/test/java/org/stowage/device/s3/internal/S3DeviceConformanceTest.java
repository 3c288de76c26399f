package org.stowage.device.s3.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.stowage.api.device.Device;
import org.stowage.device.testkit.DeviceConformanceTest;

/** The S3 driver against the device contract, through camel-aws2-s3 to a real S3 server (S3Proxy on 127.0.0.1). */
class S3DeviceConformanceTest extends DeviceConformanceTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3Server server;
    private final List<S3Device> devices = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start(0);
        server.createBucket("conformance");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** Each device gets its own prefix in one bucket, so it starts empty. */
    @Override
    protected Device newDevice(long capacityBytes) {
        TestConfig config = TestConfig.of(server, "conformance", "repo/" + PREFIXES.incrementAndGet());
        config.capacity = String.valueOf(capacityBytes);
        S3Device device = new S3Device(config.settings(), new DefaultCamelContext());
        devices.add(device);
        return device;
    }

    @AfterEach
    void closeDevices() throws Exception {
        for (S3Device device : devices) {
            device.close();
        }
    }
}
