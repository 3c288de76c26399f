package org.stowage.bench.mount;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.device.disk.internal.DiskDevice;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.mount.internal.MountComponent;

/**
 * The mount bench of issue 18: one file (random bytes, so nothing compresses) backed up into a repository on a disk
 * device, then read whole, alternately, by {@code SnapshotService.dump} to a null stream (what stowage:dump does
 * without the console) and by {@code cat} through a stowage mount (a program reading through FUSE: the kernel's
 * 128 KiB reads, the FUSE round trips, the mount's blob cache). Both read the same packs from the page cache, so
 * the figure is the cost of the mount's path, not of the disk. Bar: mount ≥ 50 % of dump.
 *
 * <pre>java … org.stowage.bench.mount.MountBench WORK_DIR [SIZE_MIB=1024] [REPS=3]</pre>
 */
public final class MountBench {

    private MountBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int sizeMib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path source = Files.createDirectories(work.resolve("source"));
        Path file = source.resolve("big.bin");
        write(file, sizeMib);
        DeviceDescriptor descriptor = new DeviceDescriptor("bench", "disk", DeviceKind.DISK, AccessType.RANDOM, 0);
        try (Repository repository = Repositories.init(new DiskDevice(descriptor,
                Files.createDirectories(work.resolve("repo")), 2), "bench".toCharArray(),
                RepositoryOptions.defaults())) {
            SnapshotInfo snapshot = new EngineBackupService(() -> repository).backup(new BackupRequest(
                    List.of(source), "bench", Set.of(), null), null);
            EngineSnapshotService snapshots = new EngineSnapshotService(() -> repository);
            MountComponent mounts = new MountComponent(snapshots);
            Path mountpoint = Files.createDirectories(work.resolve("mnt"));
            mounts.mount(mountpoint, "bench");
            try {
                Path throughMount = mountpoint.resolve("ids").resolve(snapshot.shortId())
                        .resolve(file.getRoot().relativize(file));
                measure(sizeMib, reps, () -> snapshots.dump(snapshot.id(), file.toString(),
                        OutputStream.nullOutputStream()), () -> cat(throughMount));
            } finally {
                mounts.unmount(mountpoint);
            }
        }
    }

    private static void measure(int sizeMib, int reps, Run dump, Run mount) throws Exception {
        dump.run(); // once each untimed: JIT, first loads
        mount.run();
        List<Double> ratios = new ArrayList<>();
        double[] dumpRates = new double[reps];
        double[] mountRates = new double[reps];
        for (int i = 0; i < reps; i++) {
            dumpRates[i] = sizeMib / seconds(dump);
            mountRates[i] = sizeMib / seconds(mount);
            ratios.add(mountRates[i] / dumpRates[i]);
            System.out.printf(Locale.ROOT, "rep %d: dump %.0f MiB/s, mount (cat) %.0f MiB/s, ratio %.2f%n", i + 1,
                    dumpRates[i], mountRates[i], ratios.get(i));
        }
        Arrays.sort(dumpRates);
        Arrays.sort(mountRates);
        double ratio = ratios.stream().sorted().toList().get(reps / 2);
        System.out.printf(Locale.ROOT, "median of %d: dump %.0f MiB/s, mount %.0f MiB/s, mount/dump %.2f (bar >= 0.50:"
                + " %s)%n", reps, dumpRates[reps / 2], mountRates[reps / 2], ratio, ratio >= 0.5 ? "PASS" : "FAIL");
    }

    private static double seconds(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void cat(Path file) throws IOException, InterruptedException {
        Process cat = new ProcessBuilder("cat", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (cat.waitFor() != 0) {
            throw new IOException("cat " + file + " failed with " + cat.exitValue());
        }
    }

    private static void write(Path file, int sizeMib) throws IOException {
        Random random = new Random(18);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < sizeMib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }
}
