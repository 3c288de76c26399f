package org.stowage.routing.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stowage.api.job.JobInfo;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.api.volume.VolumeInfo;
import org.stowage.api.volume.VolumeService;
import org.stowage.routing.internal.component.StowageEvents;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.SelectorRegistry;

/** The job routes on a plain CamelContext with real Quartz and test doubles of the engine's facades. */
class JobSchedulerTest {

    private static final String EVERY_SECOND = "* * * * * ?";
    /** A schedule that does not fire during a test, for jobs run by hand. */
    private static final String NEVER_IN_TEST = "0 0 0 1 1 ? 2099";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final RecordingBackupService backup = new RecordingBackupService();
    private final RecordingRetentionService retention = new RecordingRetentionService();
    private final RecordingCopyService copies = new RecordingCopyService();
    private final StowageEvents events = new StowageEvents(Clock.systemUTC());
    private final List<String> volumeBackups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final VolumeService volumes = new VolumeService() {
        @Override
        public List<VolumeInfo> volumes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public VolumeBlocks blocks(String volume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String export(String volume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unexport(String volume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VolumeBackupResult backup(String volume, boolean full, Set<String> tags, ProgressListener listener) {
            volumeBackups.add(volume + " full=" + full + " tags=" + new java.util.TreeSet<>(tags));
            return new VolumeBackupResult("ab".repeat(32), "tracked", 3, 3 << 16, 1 << 30, 5, 1000, Duration.ZERO);
        }

        @Override
        public long[] restore(String volume, String snapshot, Path target) {
            throw new UnsupportedOperationException();
        }
    };
    private DefaultCamelContext camel;
    private StowageRoutes routes;
    private JobScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        routes = StowageRoutes.start(camel, new RoutingSettings(1_000, 0, 0, 65_536),
                new StowageRoutes.Parts(new DeviceRegistry(), new SelectorRegistry(), new RecordingSpeeds(),
                        change -> { }, backup, new Unavailable(), new Unavailable(), new Unavailable(), retention,
                        copies, Optional::empty, events, Clock.systemUTC(), () -> Optional.of(volumes)));
        scheduler = routes.jobs();
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void cronJobFiresAndBacksUpItsPathsWithItsTags() {
        scheduler.add(job("every", EVERY_SECOND, "", false));

        await().atMost(TIMEOUT).until(() -> !backup.requests.isEmpty());
        BackupRequest request = backup.requests.get(0);
        assertEquals(List.of(Path.of("/srv/data"), Path.of("/etc")), request.paths());
        assertEquals(Set.of("prod", "job:every"), request.tags());
        assertNull(request.host(), "host: the engine records this host's name");
        assertNull(request.parent(), "parent: the engine picks the latest of the same host and paths");

        await().atMost(TIMEOUT).until(() -> info("every").runs() >= 1);
        JobInfo info = info("every");
        assertTrue(info.lastResult().startsWith("ok "), info.lastResult());
        assertNotNull(info.lastRun());
        assertEquals(EVERY_SECOND, info.schedule());
        assertEquals(List.of("/srv/data", "/etc"), info.paths());
    }

    @Test
    void aVolumeJobBacksUpItsVolumeWithItsTagsInsteadOfPaths() {
        JobDefinition job = JobDefinition.fromConfig("pid", volumeJob(java.util.Map.of("name", "vm", "paths", "",
                "volume", "vm1", "tags", "prod", "schedule", NEVER_IN_TEST)));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> JobDefinition.fromConfig(
                "pid", volumeJob(java.util.Map.of("name", "vm", "paths", "/srv", "volume", "vm1", "schedule",
                        NEVER_IN_TEST))));
        assertTrue(both.getMessage().contains("either paths or a volume"), both.getMessage());
        scheduler.add(job);
        SnapshotInfo snapshot = scheduler.run("vm");
        assertEquals(List.of("volume:vm1"), snapshot.paths());
        assertEquals(List.of("vm1 full=false tags=[job:vm, prod]"), volumeBackups);
        assertTrue(backup.requests.isEmpty(), "no file backup");
        assertTrue(info("vm").lastResult().startsWith("ok "), info("vm").lastResult());
    }

    private static JobConfig volumeJob(java.util.Map<String, Object> values) {
        return (JobConfig) java.lang.reflect.Proxy.newProxyInstance(JobConfig.class.getClassLoader(),
                new Class<?>[] {JobConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void aJobWithCopyToCopiesEachRunsSnapshotThereAfterTheBackup() {
        scheduler.add(job("offsite", EVERY_SECOND, "", false)
                .withCopy(new JobDefinition.CopyStep(List.of("vault", "offsite"), false)));
        await().atMost(TIMEOUT).until(() -> !copies.calls.isEmpty());
        RecordingCopyService.Call call = copies.calls.get(0);
        assertEquals(List.of("vault", "offsite"), call.to());
        assertEquals(1, call.snapshots().size());
        assertFalse(call.move());
        await().atMost(TIMEOUT).until(() -> info("offsite").runs() >= 1);
        assertTrue(info("offsite").lastResult().startsWith("ok "), info("offsite").lastResult());
    }

    @Test
    void failedRunIsRecordedAndTheNextFiringStillRuns() {
        backup.failWith("device 'local' is offline; check the disk at /mnt/backup");
        scheduler.add(job("flaky", EVERY_SECOND, "", false));

        await().atMost(TIMEOUT).until(() -> info("flaky").runs() >= 1);
        assertEquals("device 'local' is offline; check the disk at /mnt/backup", info("flaky").lastResult());
        await().atMost(TIMEOUT).until(() -> backup.requests.size() >= 2);

        backup.succeed();
        await().atMost(TIMEOUT).until(() -> info("flaky").lastResult().startsWith("ok "));
        assertNotNull(camel.getRoute("job-flaky"));
        assertTrue(camel.getRouteController().getRouteStatus("job-flaky").isStarted());
    }

    @Test
    void runReturnsTheSnapshotAndRecordsIt() {
        scheduler.add(job("manual", NEVER_IN_TEST, "", false));

        SnapshotInfo snapshot = scheduler.run("manual");

        assertSame(backup.returned.get(0), snapshot);
        assertEquals(1, backup.requests.size());
        assertEquals("ok " + snapshot.shortId(), info("manual").lastResult());
        assertEquals(1, info("manual").runs());
    }

    @Test
    void aManualRunReportsTheBackupsProgressToItsListener() {
        scheduler.add(job("followed", NEVER_IN_TEST, "", false));
        List<Progress> seen = new CopyOnWriteArrayList<>();

        scheduler.run("followed", seen::add);

        assertEquals(1, seen.size());
        assertEquals("/srv/data/a", seen.get(0).current());
    }

    @Test
    void retentionRunsAfterSuccessOnlyThenPrune() {
        scheduler.add(job("kept", NEVER_IN_TEST, "last=3,daily=7", true));
        backup.failWith("path /srv/data does not exist");

        StowageException e = assertThrows(StowageException.class, () -> scheduler.run("kept"));
        assertTrue(e.getMessage().contains("kept") && e.getMessage().contains("/srv/data does not exist"),
                e.getMessage());
        assertEquals(List.of(), retention.calls, "no retention after a failed backup");

        backup.succeed();
        scheduler.run("kept");
        assertEquals(List.of("forget last=3,daily=7 [job:kept]", "prune"), retention.calls);
        assertEquals("last=3,daily=7", info("kept").retention());
        assertEquals(2, info("kept").runs());
    }

    @Test
    void noRetentionConfiguredMeansNoForget() {
        scheduler.add(job("plain", NEVER_IN_TEST, "", false));
        scheduler.run("plain");
        assertEquals(List.of(), retention.calls);
    }

    @Test
    void failedRetentionSaysTheSnapshotWasSaved() {
        scheduler.add(job("ret", NEVER_IN_TEST, "last=1", false));
        retention.forgetFailure = "index lock held by host b";

        StowageException e = assertThrows(StowageException.class, () -> scheduler.run("ret"));

        String saved = backup.returned.get(0).shortId();
        assertEquals("snapshot " + saved + " saved, but retention failed: index lock held by host b",
                info("ret").lastResult());
        assertTrue(e.getMessage().contains(info("ret").lastResult()), e.getMessage());
    }

    @Test
    void aRunningJobIsNotStartedTwice() throws Exception {
        scheduler.add(job("slow", NEVER_IN_TEST, "", false));
        CountDownLatch gate = backup.block();
        CompletableFuture<SnapshotInfo> first = CompletableFuture.supplyAsync(() -> scheduler.run("slow"));
        await().atMost(TIMEOUT).until(() -> backup.requests.size() == 1);

        StowageException e = assertThrows(StowageException.class, () -> scheduler.run("slow"));
        assertTrue(e.getMessage().contains("already running"), e.getMessage());

        gate.countDown();
        assertNotNull(first.get(15, TimeUnit.SECONDS));
        assertEquals(1, backup.requests.size());
        assertEquals(1, info("slow").runs(), "the skipped run is not counted");
    }

    @Test
    void quartzFiringsDuringARunAreSkipped() throws Exception {
        // Counts the firings that went through the job's route to the end: the skipped ones, while the first run
        // is blocked, so that the test sees Quartz fire instead of merely seeing no second backup.
        AtomicInteger ended = new AtomicInteger();
        EventNotifierSupport firings = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent completed
                        && "job-busy".equals(completed.getExchange().getFromRouteId())) {
                    ended.incrementAndGet();
                }
            }
        };
        firings.start();
        camel.getManagementStrategy().addEventNotifier(firings);
        CountDownLatch gate = backup.block();
        scheduler.add(job("busy", EVERY_SECOND, "", false));
        await().atMost(TIMEOUT).until(() -> backup.requests.size() == 1);

        await().atMost(TIMEOUT).until(() -> ended.get() >= 2);
        assertEquals(1, backup.requests.size(), ended.get() + " firings ended while the first run was blocked;"
                + " none may have started a second backup");
        assertEquals(0, info("busy").runs(), "the first run is still blocked");

        gate.countDown();
        await().atMost(TIMEOUT).until(() -> info("busy").runs() >= 1);
    }

    @Test
    void addingAndRemovingAJobAddsAndRemovesItsRoute() {
        JobDefinition job = job("temp", EVERY_SECOND, "", false);
        scheduler.add(job);
        assertNotNull(camel.getRoute("job-temp"));
        assertEquals(1, scheduler.jobs().size());

        scheduler.remove(job);

        assertNull(camel.getRoute("job-temp"));
        assertEquals(List.of(), scheduler.jobs());
        StowageException e = assertThrows(StowageException.class, () -> scheduler.run("temp"));
        assertTrue(e.getMessage().contains("No job named 'temp'"), e.getMessage());
    }

    @Test
    void disabledJobIsListedButNotScheduledAndCanBeRunByHand() {
        scheduler.add(JobDefinition.parse("pid-off", "off", "/a", EVERY_SECOND, "", "", false, false));

        assertNull(camel.getRoute("job-off"));
        assertTrue(info("off").lastResult().startsWith("disabled"), info("off").lastResult());
        SnapshotInfo snapshot = scheduler.run("off");
        assertEquals("ok " + snapshot.shortId(), info("off").lastResult());
    }

    @Test
    void aSecondConfigurationWithTheSameNameIsIgnored() {
        JobDefinition first = JobDefinition.parse("pid-1", "dup", "/a", NEVER_IN_TEST, "", "", false, true);
        JobDefinition second = JobDefinition.parse("pid-2", "dup", "/b", NEVER_IN_TEST, "", "", false, true);
        scheduler.add(first);
        scheduler.add(second);
        scheduler.remove(second);

        assertEquals(List.of("/a"), info("dup").paths());
        assertNotNull(camel.getRoute("job-dup"));
    }

    @Test
    void unknownJobNamesTheConfiguredOnes() {
        scheduler.add(job("alpha", NEVER_IN_TEST, "", false));
        StowageException e = assertThrows(StowageException.class, () -> scheduler.run("beta"));
        assertTrue(e.getMessage().contains("'beta'") && e.getMessage().contains("[alpha]")
                && e.getMessage().contains("org.stowage.job-beta.cfg"), e.getMessage());
    }

    private JobInfo info(String name) {
        return scheduler.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aScheduledRunGoesThroughStowageBackupAndPublishesItsEventsToAnIntegratorsRoute() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=job_started,job_finished,job_failed,snapshot_saved").routeId("listener")
                        .process(e -> seen.add(e.getMessage().getHeader("StowageEventType") + " "
                                + e.getMessage().getHeader("StowageJobName")));
            }
        });
        backup.failWith("device gone");
        scheduler.add(job("watched", EVERY_SECOND, "", false));

        await().atMost(TIMEOUT).until(() -> seen.contains("JOB_FAILED watched"));
        assertEquals("JOB_STARTED watched", seen.get(0));
        backup.succeed();
        await().atMost(TIMEOUT).until(() -> seen.contains("JOB_FINISHED watched"));
        assertTrue(seen.contains("SNAPSHOT_SAVED watched"), seen.toString());
        assertTrue(camel.getEndpoints().stream()
                        .anyMatch(e -> e.getEndpointUri().equals("stowage://backup?job=watched")),
                "the job's schedule runs it through the stowage: component");
    }

    @Test
    void aJobWithReplicasBacksUpFromThemAndPublishesEachSwitchWithTheJobsName() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=replica_switched").routeId("switches")
                        .process(e -> seen.add(e.getMessage().getHeader("StowageJobName") + " "
                                + e.getMessage().getBody(org.stowage.api.repository.ReplicaSwitch.class).to()));
            }
        });
        List<Path> replicas = List.of(Path.of("/mnt/a/data"), Path.of("/mnt/b/data"));
        scheduler.add(JobDefinition.parse("org.stowage.job~mirrored", "mirrored", "/data", NEVER_IN_TEST, "", "",
                false, true).withReplicas(replicas));

        scheduler.run("mirrored");

        assertEquals(replicas, backup.requests.get(0).replicas());
        assertEquals(List.of(Path.of("/data")), backup.requests.get(0).paths());
        await().atMost(TIMEOUT).until(() -> seen.contains("mirrored /mnt/b/data"));
    }

    private static JobDefinition job(String name, String cron, String retention, boolean prune) {
        return JobDefinition.parse("org.stowage.job~" + name, name, "/srv/data,/etc", cron, "prod", retention,
                prune, true);
    }
}
