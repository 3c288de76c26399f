package org.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.stowage.api.device.Device;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.bench.placement.Machine;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.placement.DeviceSet;
import org.stowage.engine.internal.placement.PlacementPolicy;
import org.stowage.engine.internal.placement.Selectors;
import org.stowage.engine.internal.placement.SpeedLog;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.warmup.Warmup;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.PlacementRouteBuilder;
import org.stowage.routing.internal.placement.RoutePlacement;
import org.stowage.routing.internal.placement.SelectorRegistry;

/**
 * A one-device full backup with packs placed through the Camel placement routes of stowage-routing against the
 * same backup written directly (the engine without a {@link PackPlacement} service), in one JVM: each repetition
 * backs the data up into a fresh repository once per mode, the order alternating between repetitions, after one
 * untimed warm-up backup per mode. The routes run on a plain {@link DefaultCamelContext} with the routing bundle's
 * own route builders and placement class, handed to the engine as its {@link PackPlacement}, as the routing
 * component does in Karaf. Prints each backup's MiB/s of wall time and MiB per CPU-second of this JVM (the figure
 * that other processes on a shared machine disturb least), the medians, spreads and the ratio routes/direct (goal:
 * at least 95 %).
 *
 * <p>Usage: {@code PlacementBench <data dir> <work dir> [repetitions=3]}.
 */
public final class PlacementBench {

    private static final double MIB = 1024.0 * 1024.0;
    private static final char[] PASSWORD = "placement-bench".toCharArray();

    private final Path data;
    private final Path work;

    private PlacementBench(Path data, Path work) {
        this.data = data;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PlacementBench <data dir> <work dir> [repetitions=3]");
            System.exit(2);
        }
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PlacementBench bench = new PlacementBench(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]));
        Warmup.atRepositoryOpen();
        System.out.println("warm-up: one untimed backup per mode");
        bench.backup(false);
        bench.backup(true);
        List<Result> direct = new ArrayList<>();
        List<Result> routes = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            boolean routesFirst = rep % 2 == 0;
            for (boolean viaRoutes : routesFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                Result result = bench.backup(viaRoutes);
                (viaRoutes ? routes : direct).add(result);
                System.out.printf(Locale.ROOT, "rep %d %-6s %8.1f MiB/s wall, %6.1f MiB per CPU-second "
                        + "(%.2f s wall, %.2f CPU-s)%n", rep, viaRoutes ? "routes" : "direct", result.perSecond(),
                        result.perCpuSecond(), result.seconds(), result.cpuSeconds());
            }
        }
        summary("MiB/s wall", direct.stream().map(Result::perSecond).toList(),
                routes.stream().map(Result::perSecond).toList());
        summary("MiB per CPU-second", direct.stream().map(Result::perCpuSecond).toList(),
                routes.stream().map(Result::perCpuSecond).toList());
    }

    /** One backup: the data's bytes, and the wall and CPU time (all of this JVM's threads) it took. */
    private record Result(double mib, double seconds, double cpuSeconds) {
        double perSecond() {
            return mib / seconds;
        }

        double perCpuSecond() {
            return mib / cpuSeconds;
        }
    }

    private static void summary(String unit, List<Double> direct, List<Double> routes) {
        System.out.printf(Locale.ROOT, "%s: direct median %.1f (min %.1f, max %.1f); routes median %.1f (min %.1f, "
                + "max %.1f)%n", unit, median(direct), min(direct), max(direct), median(routes), min(routes),
                max(routes));
        List<String> paired = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            paired.add(String.format(Locale.ROOT, "%.1f %%", 100 * routes.get(i) / direct.get(i)));
        }
        System.out.printf(Locale.ROOT, "  routes/direct: %.1f %% of the direct median (paired per repetition: %s); "
                + "goal >= 95 %%%n", 100 * median(routes) / median(direct), paired);
    }

    /** One full backup of the data into a fresh repository. */
    private Result backup(boolean viaRoutes) throws Exception {
        Path repo = work.resolve(viaRoutes ? "repo-routes" : "repo-direct");
        delete(repo);
        Files.createDirectories(repo);
        Device device = Engine.device(repo);
        SpeedLog speeds = new SpeedLog();
        CamelContext camel = viaRoutes ? routes(device, speeds) : null;
        PackPlacement placement = camel == null ? null
                : new RoutePlacement(camel, camel.createProducerTemplate());
        StorageSpec storage = new StorageSpec(DeviceSet.of(device), Selectors.NONE, PlacementPolicy.SINGLE, speeds,
                () -> placement);
        try (Repository repository = Repositories.init(storage, PASSWORD.clone(), RepositoryOptions.defaults())) {
            sync();
            long start = System.nanoTime();
            double cpuStart = Machine.ownCpuSeconds();
            SnapshotInfo snapshot = new EngineBackupService(() -> repository)
                    .backup(new BackupRequest(List.of(data), null, Set.of(), null), ProgressListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = Machine.ownCpuSeconds() - cpuStart;
            if (!snapshot.isComplete() || snapshot.stats().errors() > 0) {
                throw new IOException("backup " + (viaRoutes ? "through the routes" : "direct") + " incomplete: "
                        + snapshot.incompleteReason() + ", " + snapshot.stats().errors() + " errors");
            }
            return new Result(snapshot.stats().bytesProcessed() / MIB, seconds, cpuSeconds);
        } finally {
            if (camel != null) {
                camel.close();
            }
            delete(repo);
        }
    }

    /** The placement routes on a plain CamelContext, over this one device. */
    private static CamelContext routes(Device device, SpeedLog speeds) throws Exception {
        DeviceRegistry devices = new DeviceRegistry();
        devices.add(device, 1);
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent(DeviceConstants.SCHEME, new DeviceComponent(devices, speeds));
        camel.addRoutes(new PlacementRouteBuilder(devices, new SelectorRegistry(), speeds));
        camel.start();
        return camel;
    }

    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
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

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
