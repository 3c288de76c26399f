package org.stowage.routing.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.repository.ReplicaSwitch;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.device.disk.internal.DiskDevice;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineCheckService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.facade.EngineRetentionService;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.routing.internal.component.StowageComponent;
import org.stowage.routing.internal.component.StowageEvents;
import org.stowage.routing.internal.component.StowageServices;

/**
 * The named replica route on a plain CamelContext, a real repository on a disk device and real replica folders: a
 * replica that fails halfway is left inside the run (one REPLICA_SWITCHED event on stowage:events), and a run that
 * fails as a whole (the device refuses the lock once) is sent by the failover load balancer to the next endpoint.
 */
class ReplicaRoutesTest {

    @TempDir
    Path device;
    @TempDir
    Path work;

    private final StowageEvents events = new StowageEvents(Clock.systemUTC());
    private FaultyDevice faulty;
    private Repository repository;
    private DefaultCamelContext camel;
    private ProducerTemplate template;
    private List<Path> replicas;
    private final Path logical = Path.of("/srv/data");
    private long total;

    @BeforeEach
    void start() throws Exception {
        faulty = FaultyDevice.wrap(new DiskDevice(new DeviceDescriptor("local", "disk", DeviceKind.DISK,
                AccessType.RANDOM, 0), device, 4)).build();
        repository = Repositories.init(faulty, "secret".toCharArray(), RepositoryOptions.defaults().withScryptN(16));
        replicas = List.of(work.resolve("a"), work.resolve("b"), work.resolve("c"));
        Random random = new Random(15);
        for (int i = 0; i < 6; i++) {
            byte[] content = new byte[(3 << 20) + random.nextInt(1 << 20)];
            random.nextBytes(content);
            total += content.length;
            for (Path root : replicas) {
                Files.createDirectories(root.resolve("sub"));
                Files.write(root.resolve("sub/file-" + i), content);
            }
        }
    }

    private void camel(SourceOpener opener) throws Exception {
        Supplier<Repository> repo = () -> repository;
        StowageServices services = new StowageServices(new EngineBackupService(repo, opener),
                new EngineRestoreService(repo), new EngineSnapshotService(repo), new EngineCheckService(repo),
                new EngineRetentionService(repo, ZoneOffset.UTC), () -> null, events);
        camel = new DefaultCamelContext();
        camel.addComponent("stowage", new StowageComponent(services));
        camel.addRoutes(new ReplicaRouteBuilder("data", logical, replicas));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=REPLICA_SWITCHED").routeId("switches").to("mock:switched");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        repository.close();
    }

    @Test
    void aReplicaFailingHalfwayIsLeftInsideTheRunWithOneEventAndTheSnapshotRestores() throws Exception {
        camel(new FailAfter(replicas.get(0), total / 2));
        MockEndpoint switched = camel.getEndpoint("mock:switched", MockEndpoint.class);
        switched.expectedMessageCount(1);

        SnapshotInfo snapshot = template.requestBody(ReplicaRouteBuilder.entry("data"), null, SnapshotInfo.class);

        assertEquals(List.of(logical.toString()), snapshot.paths());
        assertTrue(snapshot.isComplete());
        assertEquals(0, snapshot.stats().errors());
        switched.assertIsSatisfied(); // waits (with Camel's timeout) for the asynchronous event
        ReplicaSwitch change = switched.getExchanges().get(0).getMessage().getBody(ReplicaSwitch.class);
        assertEquals(replicas.get(0).toString(), change.from());
        assertEquals(replicas.get(1).toString(), change.to());
        String text = switched.getExchanges().get(0).getMessage().getBody(String.class); // for file:, log:, mail
        assertTrue(text.startsWith("replica " + replicas.get(0) + " failed at sub/file-")
                && text.endsWith("continuing from " + replicas.get(1)), text);
        assertRestores(snapshot);
    }

    @Test
    void aRunFailingAsAWholeGoesToTheNextEndpointOfTheFailover() throws Exception {
        camel(SourceOpener.FILES);
        faulty.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.LOCK).nth(1)); // the first run cannot lock

        SnapshotInfo snapshot = template.requestBody(ReplicaRouteBuilder.entry("data"), null, SnapshotInfo.class);

        assertTrue(snapshot.isComplete());
        assertEquals(1, faulty.injectedFailures(), "the first endpoint's run must have failed");
        assertRestores(snapshot);
    }

    @Test
    void replicasWithoutOneLogicalPathAreRefusedWhenTheRouteIsBuilt() throws Exception {
        camel(SourceOpener.FILES);
        Exception e = assertThrows(Exception.class, () -> template.requestBody(
                "stowage:backup?paths=/x,/y&replicas=" + replicas.get(0) + "," + replicas.get(1), (Object) null));
        Throwable cause = e;
        while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("exactly one path")) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("exactly one path"), e.toString());
        assertThrows(IllegalArgumentException.class, () -> new ReplicaRouteBuilder("one", logical,
                List.of(replicas.get(0))));
    }

    private void assertRestores(SnapshotInfo snapshot) throws IOException {
        Path target = work.resolve("restored");
        RestoreResult result = template.requestBody("stowage:restore?snapshot=" + snapshot.id() + "&target="
                + target, null, RestoreResult.class);
        assertEquals(6, result.files());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(Files.readAllBytes(replicas.get(2).resolve("sub/file-" + i)),
                    Files.readAllBytes(target.resolve("srv/data/sub/file-" + i)));
        }
    }

    /** Real files; every read and open of one replica fails once {@code after} bytes were read from it. */
    private static final class FailAfter implements SourceOpener {

        private final Path broken;
        private final long after;
        private final AtomicLong read = new AtomicLong();

        FailAfter(Path broken, long after) {
            this.broken = broken;
            this.after = after;
        }

        @Override
        public SeekableByteChannel open(Path path) throws IOException {
            boolean ofBroken = path.startsWith(broken);
            if (ofBroken && read.get() >= after) {
                throw new IOException("injected fault: " + broken + " fails");
            }
            FileChannel file = (FileChannel) SourceOpener.FILES.open(path);
            return ofBroken ? new Failing(file) : file;
        }

        private final class Failing extends java.nio.channels.spi.AbstractInterruptibleChannel
                implements SeekableByteChannel {

            private final FileChannel file;

            Failing(FileChannel file) {
                this.file = file;
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (read.get() >= after) {
                    throw new IOException("injected fault: " + broken + " fails to read");
                }
                int n = file.read(dst);
                read.addAndGet(Math.max(0, n));
                return n;
            }

            @Override
            public int write(ByteBuffer src) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long position() throws IOException {
                return file.position();
            }

            @Override
            public SeekableByteChannel position(long p) throws IOException {
                file.position(p);
                return this;
            }

            @Override
            public long size() throws IOException {
                return file.size();
            }

            @Override
            public SeekableByteChannel truncate(long size) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected void implCloseChannel() throws IOException {
                file.close();
            }
        }
    }
}
