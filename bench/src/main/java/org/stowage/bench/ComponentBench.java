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
import org.stowage.bench.placement.Machine;
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
        List<Result> direct = new ArrayList<>();
        List<Result> component = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            boolean componentFirst = rep % 2 == 0;
            for (boolean viaComponent : componentFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                Result result = bench.backup(viaComponent);
                (viaComponent ? component : direct).add(result);
                System.out.printf(Locale.ROOT, "rep %d %-9s %8.1f MiB/s wall, %6.1f MiB per CPU-second%n", rep,
                        viaComponent ? "component" : "service", result.perSecond(), result.perCpuSecond());
            }
        }
        summary("MiB/s wall", direct.stream().map(Result::perSecond).toList(),
                component.stream().map(Result::perSecond).toList());
        // CPU time of this JVM: what other processes on a shared machine disturb least
        summary("MiB per CPU-second", direct.stream().map(Result::perCpuSecond).toList(),
                component.stream().map(Result::perCpuSecond).toList());
    }

    private static void summary(String unit, List<Double> direct, List<Double> component) {
        List<String> paired = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            paired.add(String.format(Locale.ROOT, "%.1f %%", 100 * component.get(i) / direct.get(i)));
        }
        System.out.printf(Locale.ROOT, "%s: BackupService directly %s; stowage:backup %s%n", unit,
                Stats.summary(direct), Stats.summary(component));
        System.out.printf(Locale.ROOT, "  stowage:backup / BackupService: %.1f %% of the median (paired: %s); goal "
                + ">= 97 %%%n", 100 * Stats.median(component) / Stats.median(direct), paired);
    }

    /** One backup: the data's MiB, and the wall and CPU time (all of this JVM's threads) it took. */
    private record Result(double mib, double seconds, double cpuSeconds) {
        double perSecond() {
            return mib / seconds;
        }

        double perCpuSecond() {
            return mib / cpuSeconds;
        }
    }

    /** One full backup of the data into a fresh repository. */
    private Result backup(boolean viaComponent) throws Exception {
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
                double cpuStart = Machine.ownCpuSeconds();
                SnapshotInfo snapshot = viaComponent
                        ? template.requestBody("stowage:backup?paths=" + data, null, SnapshotInfo.class)
                        : service.backup(new BackupRequest(List.of(data), null, Set.of(), null), ProgressListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = Machine.ownCpuSeconds() - cpuStart;
                if (!snapshot.isComplete() || snapshot.stats().errors() > 0) {
                    throw new IOException("backup incomplete: " + snapshot.incompleteReason());
                }
                return new Result(snapshot.stats().bytesProcessed() / MIB, seconds, cpuSeconds);
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
