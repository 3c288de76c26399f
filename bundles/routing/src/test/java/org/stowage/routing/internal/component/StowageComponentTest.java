package org.stowage.routing.internal.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotStats;

/** Every stowage: operation on a plain CamelContext against a real repository on a temporary disk device. */
class StowageComponentTest {

    @TempDir
    Path device;
    @TempDir
    Path work;

    private final StowageEvents events = new StowageEvents(Clock.systemUTC());
    private EngineRepository repository;
    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        repository = new EngineRepository(device);
        camel = new DefaultCamelContext();
        camel.addComponent("stowage", new StowageComponent(repository.services(() -> noJobs(), events)));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        repository.close();
    }

    @Test
    void pathsBackUpAndRestoreBelowATargetAndLsAndSnapshotsSeeThem() throws Exception {
        Path src = Files.createDirectories(work.resolve("src/sub"));
        Files.writeString(src.resolve("a.txt"), "alpha");
        Files.writeString(src.getParent().resolve("b.txt"), "beta");

        Exchange done = template.request("stowage:backup?paths=" + src.getParent() + "&tags=nightly,db&host=h1",
                e -> { });
        SnapshotInfo snapshot = done.getMessage().getBody(SnapshotInfo.class);
        assertEquals(snapshot.id(), done.getMessage().getHeader(StowageConstants.SNAPSHOT_ID));
        assertEquals(2, done.getMessage().getHeader(StowageConstants.SNAPSHOT_STATS, SnapshotStats.class).filesNew());
        assertEquals("h1", snapshot.host());

        List<?> all = template.requestBody("stowage:snapshots?tags=db", null, List.class);
        assertEquals(List.of(snapshot), all);
        assertEquals(List.of(), template.requestBody("stowage:snapshots?host=other", null, List.class));
        @SuppressWarnings("unchecked")
        List<NodeInfo> entries = template.requestBodyAndHeader("stowage:ls?recursive=true", null,
                StowageConstants.SNAPSHOT_PATH, src.getParent().toString(), List.class);
        assertEquals(List.of("b.txt", "sub", "sub/a.txt"), entries.stream()
                .map(n -> n.path().substring(src.getParent().toString().length() + 1)).toList());

        Path target = work.resolve("restored");
        RestoreResult restored = template.requestBody("stowage:restore?snapshot=" + snapshot.shortId() + "&target="
                + target + "&includes=" + src.resolve("a.txt"), null, RestoreResult.class);
        assertEquals(1, restored.files());
        assertEquals("alpha", Files.readString(target.resolve(src.resolve("a.txt").toString().substring(1))));
        assertFalse(Files.exists(target.resolve(src.getParent().resolve("b.txt").toString().substring(1))));
    }

    @Test
    void aBodyBecomesOneNamedFileAndComesBackAsAStreamedBody() throws Exception {
        byte[] data = "the body of a message, backed up like restic --stdin".getBytes(StandardCharsets.UTF_8);
        SnapshotInfo snapshot = template.requestBodyAndHeader("stowage:backup?tags=msg", data,
                Exchange.FILE_NAME_ONLY, "orders.csv", SnapshotInfo.class);
        assertEquals(List.of("/orders.csv"), snapshot.paths());
        SnapshotInfo named = template.requestBodyAndHeader("stowage:backup?fileName=ignored.bin", "text body",
                StowageConstants.FILE_NAME, "from-header.txt", SnapshotInfo.class);
        assertEquals(List.of("/from-header.txt"), named.paths());

        Exchange out = template.request("stowage:restore?snapshotPath=/orders.csv&snapshot=" + snapshot.id(), e -> { });
        assertEquals("orders.csv", out.getMessage().getHeader(Exchange.FILE_NAME));
        try (InputStream in = out.getMessage().getBody(InputStream.class)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void aStreamedFileThatCannotBeReadFailsTheReaderInsteadOfEndingShort() throws Exception {
        template.requestBody("stowage:backup?fileName=x.bin", new byte[]{1, 2, 3}, SnapshotInfo.class);
        Exchange out = template.request("stowage:restore?snapshotPath=/not-there.bin", e -> { });
        try (InputStream in = out.getMessage().getBody(InputStream.class)) {
            java.io.IOException e = assertThrows(java.io.IOException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("not-there.bin"), e.getMessage());
        }
    }

    @Test
    void checkPassesOnASoundRepositoryAndPublishesCheckFailedWhenAPackIsGone() throws Exception {
        MockEndpoint failures = camel.getEndpoint("mock:check-failed", MockEndpoint.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=CHECK_FAILED").routeId("check-listener").to("mock:check-failed");
            }
        });
        template.requestBody("stowage:backup?fileName=data.bin", new byte[200_000], SnapshotInfo.class);
        assertTrue(template.requestBody("stowage:check", null, CheckReport.class).isOk());

        try (Stream<Path> files = Files.walk(device.resolve("data"))) {
            for (Path pack : files.filter(Files::isRegularFile).toList()) {
                Files.delete(pack); // a real fault: the device lost the data packs
            }
        }
        failures.expectedMessageCount(1);
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("stowage:check", (Object) null));
        assertTrue(e.getCause().getMessage().contains("problems"), e.getCause().getMessage());
        failures.assertIsSatisfied(10_000);
        assertInstanceOf(CheckReport.class, failures.getReceivedExchanges().get(0).getMessage().getBody());
        assertFalse(template.requestBody("stowage:check?failOnError=false", null, CheckReport.class).isOk());
    }

    @Test
    void forgetAppliesThePolicyToTheTaggedSnapshotsOnly() {
        for (int i = 0; i < 3; i++) {
            template.requestBody("stowage:backup?fileName=f.bin&tags=rotating", new byte[]{(byte) i},
                    SnapshotInfo.class);
        }
        SnapshotInfo other = template.requestBody("stowage:backup?fileName=g.bin", new byte[]{9}, SnapshotInfo.class);
        ForgetResult result = template.requestBody("stowage:forget?policy=last=1&tags=rotating&prune=true", null,
                ForgetResult.class);
        assertEquals(2, result.removed().size());
        List<?> left = template.requestBody("stowage:snapshots", null, List.class);
        assertEquals(2, left.size());
        assertTrue(left.contains(other));
    }

    @Test
    void snapshotSavedEventsReachARouteWithTheirTypeAndBody() throws Exception {
        MockEndpoint saved = camel.getEndpoint("mock:saved", MockEndpoint.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=snapshot_saved").routeId("saved-listener").to("mock:saved");
            }
        });
        saved.expectedMessageCount(1);
        saved.expectedHeaderReceived(StowageConstants.EVENT_TYPE, "SNAPSHOT_SAVED");
        SnapshotInfo snapshot = template.requestBody("stowage:backup", "x", SnapshotInfo.class);
        saved.assertIsSatisfied(10_000);
        assertEquals(snapshot, saved.getReceivedExchanges().get(0).getMessage().getBody());
        assertEquals(List.of("/stdin"), snapshot.paths(), "restic's name when nothing names the body");
    }

    @Test
    void wrongUrisAreRefusedNamingWhatToChange() {
        Map<String, String> refused = Map.of(
                "stowage:bakup", "unknown operation 'bakup'",
                "stowage:backup?pathz=/x", "pathz",
                "stowage:backup?paths=/x&job=j", "paths or job",
                "stowage:forget", "needs a policy",
                "stowage:events?types=JOB_EXPLODED", "JOB_EXPLODED");
        refused.forEach((uri, expected) -> {
            Exception e = assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint(uri));
            String message = e.getMessage() + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(message.contains(expected), uri + ": " + message);
        });
        CamelExecutionException relative = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("stowage:backup?paths=relative/dir", (Object) null));
        assertTrue(relative.getCause().getMessage().contains("use an absolute path"), relative.getCause().getMessage());
        CamelExecutionException empty = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("stowage:backup", (Object) null));
        assertTrue(empty.getCause().getMessage().contains("nothing to back up"), empty.getCause().getMessage());
    }

    @Test
    void placementOptionsNarrowTheBackupsDevices() {
        SnapshotInfo placed = template.requestBody("stowage:backup?fileName=p.bin&devices=local&copies=1",
                new byte[]{4, 2}, SnapshotInfo.class);
        assertEquals(List.of("/p.bin"), placed.paths());
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "stowage:backup?fileName=q.bin&devices=elsewhere", new byte[]{1}));
        assertTrue(e.getCause().getMessage().contains("elsewhere"), e.getCause().getMessage());
    }

    private static JobService noJobs() {
        throw new UnsupportedOperationException("no jobs in this test");
    }
}
