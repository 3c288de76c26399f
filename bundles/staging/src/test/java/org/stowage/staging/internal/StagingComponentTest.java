package org.stowage.staging.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.device.testkit.TestBlobs;

/** The DS component outside OSGi: it opens staging where configured and drains by itself once a device is IDLE. */
class StagingComponentTest {

    @TempDir
    Path dir;

    @Test
    void theComponentStagesForABusyDeviceAndItsPollerDrainsItOnceIdle() throws Exception {
        MemoryDevice memory = new MemoryDevice("tape1");
        FaultyDevice device = FaultyDevice.wrap(memory).busy("cleaning").build();
        StagingComponent component = new StagingComponent(config(dir.resolve("staging").toString()), Map.of());
        try {
            component.bindDevice(device, Map.of(Device.PROP_STAGING_SIZE, 64L << 20));
            Device view = component.staged(device);
            BlobName name = BlobName.of(BlobType.DATA, "p1");
            view.put(name, ByteBuffer.wrap(TestBlobs.random(5000, 1)));
            assertEquals(Optional.empty(), memory.stat(name));
            assertEquals(1, component.report("tape1").orElseThrow().stagedItems());
            device.clearBusy();
            await().atMost(Duration.ofSeconds(10)).until(() -> memory.stat(name).isPresent());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> component.report("tape1").orElseThrow().stagedItems() == 0);
            assertTrue(component.report().limitWhy().startsWith("limit "), component.report().limitWhy());
        } finally {
            component.deactivate();
        }
        assertTrue(Files.exists(dir.resolve("staging").resolve("journal")));
    }

    private static StagingConfig config(String path) {
        return new StagingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StagingConfig.class;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String min() {
                return "16m";
            }

            @Override
            public String max() {
                return "1g";
            }

            @Override
            public int poll_seconds() {
                return 1;
            }

            @Override
            public int stage_wait_seconds() {
                return 5;
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
    }
}
