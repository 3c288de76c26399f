package org.stowage.routing.internal.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.SnapshotInfo;

/**
 * Issue 15's stream test: 200 MiB from a generator, never held whole, backed up through stowage:backup as the body,
 * then streamed back out of the snapshot by stowage:restore into a file: endpoint, byte-identical (SHA-256 of what the
 * generator produced against SHA-256 of the written file).
 */
class LargeStreamTest {

    private static final Logger LOG = LoggerFactory.getLogger(LargeStreamTest.class);
    private static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path device;
    @TempDir
    Path out;

    @Test
    void a200MiBGeneratedBodyRestoresByteIdenticallyAsAFile() throws Exception {
        try (EngineRepository repository = new EngineRepository(device);
             DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("stowage", new StowageComponent(repository.services(() -> {
                throw new UnsupportedOperationException("no jobs");
            }, new StowageEvents(Clock.systemUTC()))));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:restore").routeId("restore-to-file")
                            .to("stowage:restore?snapshotPath=/generated.bin")
                            .to("file:" + out + "?fileName=restored.bin");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            DigestInputStream generated = new DigestInputStream(new Generator(SIZE), sha256());
            long started = System.nanoTime();
            SnapshotInfo snapshot = template.requestBody("stowage:backup?fileName=generated.bin", generated,
                    SnapshotInfo.class);
            long backupNanos = System.nanoTime() - started;
            assertEquals(List.of("/generated.bin"), snapshot.paths());
            assertEquals(SIZE, snapshot.stats().bytesProcessed());

            started = System.nanoTime();
            template.sendBody("direct:restore", null);
            long restoreNanos = System.nanoTime() - started;
            Path restored = out.resolve("restored.bin");
            assertEquals(SIZE, Files.size(restored));
            assertArrayEquals(generated.getMessageDigest().digest(), digest(restored));
            LOG.info("200 MiB stream: backup through stowage:backup {} ms ({} MiB/s), restore through "
                    + "stowage:restore to file: {} ms ({} MiB/s)", backupNanos / 1_000_000, mibPerSecond(backupNanos),
                    restoreNanos / 1_000_000, mibPerSecond(restoreNanos));
        }
    }

    private static long mibPerSecond(long nanos) {
        return Math.round(SIZE / 1048576.0 / (nanos / 1e9));
    }

    private static byte[] digest(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return ((DigestInputStream) in).getMessageDigest().digest();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Incompressible pseudo-random bytes (xorshift64), generated as they are read. */
    private static final class Generator extends InputStream {
        private long left;
        private long state = 0x9E3779B97F4A7C15L;

        Generator(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                buffer[offset + i] = (byte) state;
            }
            left -= n;
            return n;
        }
    }
}
