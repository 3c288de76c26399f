package org.stowage.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.device.Device;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineVolumeService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.volume.VolumeDefinition;

/**
 * Issue 20's figures in one run (bench/volume.sh): a 2 GiB image (1 GiB of incompressible data in 1 MiB runs every
 * 2 MiB, the rest holes; with {@code --full-image} 2 GiB of incompressible data) is backed up by Stowage as a volume with 64 KiB and with 4 KiB blocks, by Stowage as a
 * file, by restic and by borg; then 16 scattered 4 KiB writes land inside the data, and every tool backs up again.
 * Printed: bytes each incremental added to its repository, full-backup throughput of volume vs file, the bytes a
 * tracked incremental reads, and NBD write throughput (nbdcopy through the export, idle and during a backup) vs dd.
 */
public final class VolumeBench {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final int THROUGHPUT_ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "bench/work/volume").toAbsolutePath();
        wipe(work);
        Files.createDirectories(work);
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        if (options.contains("--nbd-only")) { // the export's figures alone, ~1 minute
            List<String> lines = new ArrayList<>();
            tracked(work, lines);
            lines.forEach(System.out::println);
            return;
        }
        boolean fullImage = options.contains("--full-image");
        Path image = work.resolve("vm.img");
        Random rnd = new Random(20);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(2 * GIB);
            byte[] run = new byte[(int) MIB];
            for (long at = 0; at < 2 * GIB; at += fullImage ? MIB : 2 * MIB) {
                rnd.nextBytes(run);
                f.seek(at);
                f.write(run);
            }
        }
        if (options.contains("--throughput-only")) { // full backups of the image, volume and file, ~1 minute
            List<String> lines = new ArrayList<>();
            throughput(work, image, lines);
            lines.forEach(System.out::println);
            return;
        }
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add(fullImage ? "Image: 2 GiB of incompressible data, no holes (--full-image)"
                : "Image: 2 GiB, 1 GiB of incompressible data in 1 MiB runs every 2 MiB, holes between");
        for (int blockSize : new int[] {64 << 10, 4 << 10}) {
            String name = "stowage-volume-" + (blockSize >> 10) + "k";
            try (Stowage s = new Stowage(work.resolve(name), image, blockSize)) {
                VolumeBackupResult full = s.volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
                lines.add(String.format("%s first full backup (JIT cold): %.0f MiB/s over %d MiB read", name,
                        full.bytesRead() / (double) MIB / seconds(full.duration()), full.bytesRead() / MIB));
            }
            before.put(name, size(work.resolve(name)));
        }
        try (Stowage s = new Stowage(work.resolve("stowage-file"), image, 64 << 10)) {
            long start = System.nanoTime();
            new EngineBackupService(() -> s.repo).backup(new BackupRequest(List.of(image), "bench", Set.of(), "none"),
                    ProgressListener.NONE);
            lines.add(String.format("stowage-file full backup (after the volumes'): %.0f MiB/s over 2048 MiB",
                    2048 / ((System.nanoTime() - start) / 1e9)));
        }
        before.put("stowage-file", size(work.resolve("stowage-file")));
        run(work, Map.of("RESTIC_PASSWORD", "bench"), "restic", "init", "--repo", work.resolve("restic").toString());
        run(work, Map.of("RESTIC_PASSWORD", "bench"), "restic", "backup", "--repo", work.resolve("restic").toString(),
                image.toString());
        before.put("restic", size(work.resolve("restic")));
        run(work, Map.of("BORG_PASSPHRASE", "bench"), "borg", "init", "--encryption", "repokey",
                work.resolve("borg").toString());
        run(work, Map.of("BORG_PASSPHRASE", "bench"), "borg", "create", "--compression", "zstd,3",
                work.resolve("borg") + "::a", image.toString());
        before.put("borg", size(work.resolve("borg")));

        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            byte[] block = new byte[4096];
            for (int k = 0; k < 16; k++) { // inside the data runs: incompressible neighbours
                long at = k * (2 * GIB / 16) + rnd.nextInt(256) * 4096L;
                rnd.nextBytes(block);
                ch.write(ByteBuffer.wrap(block), at);
            }
        }
        for (int blockSize : new int[] {64 << 10, 4 << 10}) {
            String name = "stowage-volume-" + (blockSize >> 10) + "k";
            try (Stowage s = new Stowage(work.resolve(name), image, blockSize)) {
                s.volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
            }
        }
        try (Stowage s = new Stowage(work.resolve("stowage-file"), image, 64 << 10)) {
            new EngineBackupService(() -> s.repo).backup(new BackupRequest(List.of(image), "bench", Set.of(), "none"),
                    ProgressListener.NONE);
        }
        run(work, Map.of("RESTIC_PASSWORD", "bench"), "restic", "backup", "--repo", work.resolve("restic").toString(),
                image.toString());
        run(work, Map.of("BORG_PASSPHRASE", "bench"), "borg", "create", "--compression", "zstd,3",
                work.resolve("borg") + "::b", image.toString());
        lines.add("Bytes added by 16 scattered 4 KiB writes to the 2 GiB image:");
        for (Map.Entry<String, Long> e : before.entrySet()) {
            long added = size(work.resolve(e.getKey())) - e.getValue();
            lines.add(String.format("  %-22s %,12d bytes (%.2f MiB)", e.getKey(), added, added / (double) MIB));
        }
        throughput(work, image, lines);
        tracked(work, lines);
        lines.forEach(System.out::println);
        Files.write(work.resolve("result.txt"), lines);
    }

    /**
     * Full backups of the image as a volume (64 KiB blocks) and as a file, each into a fresh repository: one untimed
     * round of both (the JVM's first backup runs at up to 0.7 of its later speed while the JIT compiles), then
     * {@value #THROUGHPUT_ROUNDS} timed rounds in alternating order; prints each and the ratio of the medians.
     */
    private static void throughput(Path work, Path image, List<String> lines) throws Exception {
        double[] volume = new double[THROUGHPUT_ROUNDS];
        double[] file = new double[THROUGHPUT_ROUNDS];
        fullBackups(work, image, false); // warm-up
        for (int round = 0; round < THROUGHPUT_ROUNDS; round++) {
            double[] both = fullBackups(work, image, round % 2 == 1);
            volume[round] = both[0];
            file[round] = both[1];
            lines.add(String.format("throughput round %d: volume %.0f MiB/s, file %.0f MiB/s (%.0f %%)", round,
                    both[0], both[1], 100 * both[0] / both[1]));
        }
        java.util.Arrays.sort(volume);
        java.util.Arrays.sort(file);
        double v = volume[THROUGHPUT_ROUNDS / 2];
        double f = file[THROUGHPUT_ROUNDS / 2];
        lines.add(String.format("full backup throughput, medians of %d warm rounds: volume %.0f MiB/s, file %.0f MiB/s"
                + " = %.0f %% (bar >= 90 %%)", THROUGHPUT_ROUNDS, v, f, 100 * v / f));
    }

    /** One full backup of the image as a volume and one as a file, in fresh repositories; MiB/s of each. */
    private static double[] fullBackups(Path work, Path image, boolean fileFirst) throws Exception {
        double file = fileFirst ? fileBackup(work, image) : 0;
        double volume = volumeBackup(work, image);
        if (!fileFirst) {
            file = fileBackup(work, image);
        }
        return new double[] {volume, file};
    }

    private static double volumeBackup(Path work, Path image) throws Exception {
        Path repo = work.resolve("throughput-volume");
        try (Stowage s = new Stowage(repo, image, 64 << 10)) {
            VolumeBackupResult full = s.volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
            return full.bytesRead() / (double) MIB / seconds(full.duration());
        } finally {
            wipe(repo);
            wipe(work.resolve("state-throughput-volume"));
        }
    }

    private static double fileBackup(Path work, Path image) throws Exception {
        Path repo = work.resolve("throughput-file");
        try (Stowage s = new Stowage(repo, image, 64 << 10)) {
            long start = System.nanoTime();
            new EngineBackupService(() -> s.repo).backup(new BackupRequest(List.of(image), "bench", Set.of(), "none"),
                    ProgressListener.NONE);
            return Files.size(image) / (double) MIB / ((System.nanoTime() - start) / 1e9);
        } finally {
            wipe(repo);
            wipe(work.resolve("state-throughput-file"));
        }
    }

    /** The tracked incremental and the NBD write throughput. */
    private static void tracked(Path work, List<String> lines) throws Exception {
        Path source = work.resolve("source.img");
        try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
            byte[] run = new byte[(int) MIB];
            Random rnd = new Random(21);
            for (long at = 0; at < GIB; at += MIB) {
                rnd.nextBytes(run);
                f.write(run);
            }
        }
        Path target = work.resolve("export.img");
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.setLength(GIB);
        }
        double dd = timed(() -> run(work, Map.of(), "dd", "if=" + source, "of=" + target, "bs=1M",
                "conv=notrunc,fsync", "status=none"));
        lines.add(String.format("dd 1 GiB into the image (fsync): %.0f MiB/s", 1024 / dd));
        try (Stowage s = new Stowage(work.resolve("stowage-tracked"), target, 64 << 10)) {
            String uri = "nbd://" + s.volumes.export("vm");
            double nbd = timed(() -> run(work, Map.of(), "nbdcopy", source.toString(), uri));
            lines.add(String.format("nbdcopy 1 GiB through the export, tracked: %.0f MiB/s (%.0f %% of dd)",
                    1024 / nbd, 100 * dd / nbd));
            s.volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
            CompletableFuture<VolumeBackupResult> backup = CompletableFuture.supplyAsync(
                    () -> s.volumes.backup("vm", true, Set.of(), ProgressListener.NONE));
            double cow = timed(() -> run(work, Map.of(), "nbdcopy", target.toString(), uri)); // rewrite, same bytes
            backup.join();
            lines.add(String.format("nbdcopy 1 GiB through the export during a full backup (copy on write):"
                    + " %.0f MiB/s (%.0f %% of dd)", 1024 / cow, 100 * dd / cow));
            s.volumes.backup("vm", false, Set.of(), ProgressListener.NONE); // takes what the rewrite made dirty
            List<String> writes = new ArrayList<>(List.of("qemu-io", "-f", "raw"));
            for (int k = 0; k < 16; k++) {
                writes.addAll(List.of("-c", "write -P " + (k + 1) + " " + (k * (GIB / 16) + 12345 * 4096L) + " 4k"));
            }
            writes.add(uri);
            run(work, Map.of(), writes.toArray(String[]::new));
            VolumeBackupResult r = s.volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
            lines.add(String.format("tracked incremental after 16 qemu-io writes: mode %s, read %d blocks = %,d bytes"
                    + " of a %,d-byte image (%.4f %%)", r.mode(), r.blocksRead(), r.bytesRead(), r.volumeSize(),
                    100.0 * r.bytesRead() / r.volumeSize()));
        }
    }

    private static double seconds(java.time.Duration d) {
        return Math.max(1e-3, d.toNanos() / 1e9);
    }

    private static double timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(Path work, Map<String, String> env, String... command) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("commands.log").toFile()));
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + "; see "
                    + work.resolve("commands.log"));
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/locks/")
                    && !p.getFileName().toString().startsWith("lock")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void wipe(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** A repository on a disk device in {@code dir} (created at first use) with one volume over {@code image}. */
    private static final class Stowage implements AutoCloseable {
        final Repository repo;
        final EngineVolumeService volumes;

        Stowage(Path dir, Path image, int blockSize) throws IOException {
            boolean fresh = !Files.exists(dir);
            Files.createDirectories(dir);
            Device device = Engine.device(dir);
            char[] password = "bench".toCharArray();
            this.repo = fresh ? Repositories.init(device, password, RepositoryOptions.defaults())
                    : Repositories.open(device, password);
            this.volumes = new EngineVolumeService(() -> repo, dir.resolve("../state-" + dir.getFileName())
                    .normalize(), "bench");
            volumes.add(new VolumeDefinition("vm", image, blockSize, new InetSocketAddress("127.0.0.1", 0)));
        }

        @Override
        public void close() throws IOException {
            volumes.close();
            repo.close();
        }
    }
}
