package org.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.bench.placement.Stats;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineCheckService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.facade.EngineRetentionService;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.warmup.Warmup;
import org.stowage.routing.internal.component.StowageComponent;
import org.stowage.routing.internal.component.StowageEvents;
import org.stowage.routing.internal.component.StowageServices;

/**
 * Issue 15's bar: a full backup started through {@code stowage:backup?paths=} against the same backup started by
 * calling {@code BackupService} directly, on a real disk device, in one JVM (goal: at least 97 %). Each repetition
 * backs the data up into a fresh repository once per mode, the order alternating, after one untimed warm-up backup
 * per mode; the component runs on a plain {@link DefaultCamelContext} over the engine's facades, as in Karaf.
 *
 * <p>Usage: {@code ComponentBench <data dir> <work dir> [repetitions=3]}.
 */
public final class ComponentBench {

    private static final double MIB = 1024.0 * 1024.0;
    private static final char[] PASSWORD = "component-bench".toCharArray();

    private final Path data;
    private final Path work;

    private ComponentBench(Path data, Path work) {
        this.data = data;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ComponentBench <data dir> <work dir> [repetitions=3]");
            System.exit(2);
        }
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ComponentBench bench = new ComponentBench(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]));
        Warmup.atRepositoryOpen();
        System.out.println("warm-up: one untimed backup per mode");
        bench.backup(false);
        bench.backup(true);
        List<Double> direct = new ArrayList<>();
        List<Double> component = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            boolean componentFirst = rep % 2 == 0;
            for (boolean viaComponent : componentFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                double mibPerSecond = bench.backup(viaComponent);
                (viaComponent ? component : direct).add(mibPerSecond);
                System.out.printf(Locale.ROOT, "rep %d %-9s %8.1f MiB/s%n", rep, viaComponent ? "component"
                        : "service", mibPerSecond);
            }
        }
        System.out.printf(Locale.ROOT, "BackupService directly: %s MiB/s; stowage:backup: %s MiB/s%n",
                Stats.summary(direct), Stats.summary(component));
        System.out.printf(Locale.ROOT, "stowage:backup / BackupService: %.1f %% of the median; goal >= 97 %%%n",
                100 * Stats.median(component) / Stats.median(direct));
    }

    /** One full backup of the data into a fresh repository; returns MiB/s of wall time. */
    private double backup(boolean viaComponent) throws Exception {
        Path repo = work.resolve(viaComponent ? "repo-component" : "repo-service");
        delete(repo);
        Files.createDirectories(repo);
        try (Repository repository = Repositories.init(Engine.device(repo), PASSWORD.clone(),
                RepositoryOptions.defaults())) {
            Supplier<Repository> open = () -> repository;
            EngineBackupService service = new EngineBackupService(open);
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.addComponent("stowage", new StowageComponent(new StowageServices(service,
                        new EngineRestoreService(open), new EngineSnapshotService(open), new EngineCheckService(open),
                        new EngineRetentionService(open, ZoneOffset.UTC), () -> null,
                        new StowageEvents(Clock.systemUTC()))));
                camel.start();
                ProducerTemplate template = camel.createProducerTemplate();
                new ProcessBuilder("sync").inheritIO().start().waitFor();
                long start = System.nanoTime();
                SnapshotInfo snapshot = viaComponent
                        ? template.requestBody("stowage:backup?paths=" + data, null, SnapshotInfo.class)
                        : service.backup(new BackupRequest(List.of(data), null, Set.of(), null), ProgressListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!snapshot.isComplete() || snapshot.stats().errors() > 0) {
                    throw new IOException("backup incomplete: " + snapshot.incompleteReason());
                }
                return snapshot.stats().bytesProcessed() / MIB / seconds;
            }
        } finally {
            delete(repo);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
