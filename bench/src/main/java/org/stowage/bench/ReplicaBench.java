package org.stowage.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.stowage.api.repository.ProgressListener;
import org.stowage.bench.placement.Machine;
import org.stowage.bench.placement.Stats;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.selection.Selection;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.snapshot.SnapshotReplicas;
import org.stowage.engine.internal.warmup.Warmup;

/**
 * Issue 15's replica bar: a backup from three replicas whose first replica fails (every read and open) once half of
 * the data was read from it, against the same backup with no fault (goal: at most 1.1 x its time), and the bytes
 * read again after the switch. Fresh repository per backup on a real disk device; order alternating per
 * repetition, after one untimed warm-up backup per mode.
 *
 * <p>Usage: {@code ReplicaBench <replica a> <replica b> <replica c> <work dir> [repetitions=3]}.
 */
public final class ReplicaBench {

    private static final double MIB = 1024.0 * 1024.0;
    private static final char[] PASSWORD = "replica-bench".toCharArray();

    private final List<Path> replicas;
    private final Path work;
    private final long total;

    private ReplicaBench(List<Path> replicas, Path work) throws IOException {
        this.replicas = replicas;
        this.work = work;
        try (Stream<Path> files = Files.walk(replicas.get(0))) {
            long sum = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sum += Files.size(f);
            }
            this.total = sum;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ReplicaBench <replica a> <replica b> <replica c> <work dir> [repetitions=3]");
            System.exit(2);
        }
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        ReplicaBench bench = new ReplicaBench(List.of(Path.of(args[0]).toAbsolutePath(),
                Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath()), Path.of(args[3]));
        Warmup.atRepositoryOpen();
        System.out.printf(Locale.ROOT, "data: %.1f MiB per replica; warm-up: one untimed backup per mode%n",
                bench.total / MIB);
        bench.backup(false);
        bench.backup(true);
        bench.single();
        List<Result> plain = new ArrayList<>();
        List<Result> failover = new ArrayList<>();
        List<Result> single = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            for (boolean fault : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                Result r = bench.backup(fault);
                (fault ? failover : plain).add(r);
                System.out.printf(Locale.ROOT, "rep %d %-13s %7.2f s wall %7.2f s CPU, switches %d, re-read %d bytes"
                        + " (%d read in all), %d bytes added%n", rep, fault ? "failover@50%" : "uninterrupted",
                        r.seconds, r.cpuSeconds, r.switches, r.reread, r.readTotal, r.bytesAdded);
            }
            Result r = bench.single();
            single.add(r);
            System.out.printf(Locale.ROOT, "rep %d %-13s %7.2f s wall %7.2f s CPU%n", rep, "one path", r.seconds,
                    r.cpuSeconds);
        }
        System.out.printf(Locale.ROOT, "plain backup of replica a (no replicas), for what replica mode itself costs:"
                + " wall %s, CPU %s%n", Stats.summary(single.stream().map(Result::seconds).toList()),
                Stats.summary(single.stream().map(Result::cpuSeconds).toList()));
        summary("wall s", plain.stream().map(Result::seconds).toList(),
                failover.stream().map(Result::seconds).toList());
        summary("CPU s", plain.stream().map(Result::cpuSeconds).toList(),
                failover.stream().map(Result::cpuSeconds).toList());
    }

    private static void summary(String unit, List<Double> plain, List<Double> failover) {
        System.out.printf(Locale.ROOT, "%s: uninterrupted %s; failover at 50 %% %s%n", unit, Stats.summary(plain),
                Stats.summary(failover));
        System.out.printf(Locale.ROOT, "  failover / uninterrupted: %.3f x of the median; goal <= 1.1 x%n",
                Stats.median(failover) / Stats.median(plain));
    }

    private record Result(double seconds, double cpuSeconds, int switches, long reread, long readTotal,
                          long bytesAdded) {
    }

    /** The same data backed up as one ordinary path (no replicas, whole-buffer read-ahead, no checkpoints). */
    private Result single() throws Exception {
        Path repo = work.resolve("repo");
        delete(repo);
        Files.createDirectories(repo);
        try (Repository repository = Repositories.init(Engine.device(repo), PASSWORD.clone(),
                RepositoryOptions.defaults())) {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            long start = System.nanoTime();
            double cpuStart = Machine.ownCpuSeconds();
            SnapshotRecord snapshot = new Archiver(repository, SourceOpener.FILES,
                    Runtime.getRuntime().availableProcessors()).backup(List.of(replicas.get(0)), "bench", Set.of(),
                    null, ProgressListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = Machine.ownCpuSeconds() - cpuStart;
            if (snapshot.snapshot().incompleteReason() != null) {
                throw new IOException("backup incomplete: " + snapshot.snapshot().incompleteReason());
            }
            return new Result(seconds, cpuSeconds, 0, 0, total, snapshot.snapshot().stats().bytesAdded());
        } finally {
            delete(repo);
        }
    }

    private Result backup(boolean fault) throws Exception {
        Path repo = work.resolve("repo");
        delete(repo);
        Files.createDirectories(repo);
        FailAfter opener = new FailAfter(replicas.get(0), fault ? total / 2 : Long.MAX_VALUE);
        try (Repository repository = Repositories.init(Engine.device(repo), PASSWORD.clone(),
                RepositoryOptions.defaults())) {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            long start = System.nanoTime();
            double cpuStart = Machine.ownCpuSeconds();
            AtomicLong switchedAt = new AtomicLong();
            ProgressListener listener = new ProgressListener() {
                @Override
                public void progress(org.stowage.api.repository.Progress progress) {
                }

                @Override
                public void replicaSwitched(org.stowage.api.repository.ReplicaSwitch change) {
                    switchedAt.set(System.nanoTime());
                }
            };
            SnapshotRecord snapshot = new Archiver(repository, opener, Runtime.getRuntime().availableProcessors())
                    .backupReplicas(Path.of("/bench/data"), replicas, Selection.EVERYTHING, "bench", Set.of(), null,
                            listener);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = Machine.ownCpuSeconds() - cpuStart;
            SnapshotReplicas record = snapshot.snapshot().replicas();
            if (snapshot.snapshot().incompleteReason() != null || snapshot.snapshot().stats().errors() > 0
                    || fault != (record.switches().size() == 1)) {
                throw new IOException("backup incomplete or switched " + record.switches().size() + " times: "
                        + snapshot.snapshot().incompleteReason());
            }
            if (fault) {
                System.out.printf(Locale.ROOT, "  fault at %.2f s, switch reported %.0f ms later, done %.2f s later%n",
                        (opener.struckAt.get() - start) / 1e9, (switchedAt.get() - opener.struckAt.get()) / 1e6,
                        (System.nanoTime() - switchedAt.get()) / 1e9);
            }
            return new Result(seconds, cpuSeconds, record.switches().size(), record.reread(), opener.read.get(),
                    snapshot.snapshot().stats().bytesAdded());
        } finally {
            delete(repo);
        }
    }

    /** Real files; every read and open of one replica fails once {@code after} bytes were read from it. */
    private static final class FailAfter implements SourceOpener {

        private final Path broken;
        private final long after;
        private final AtomicLong brokenRead = new AtomicLong();
        final AtomicLong read = new AtomicLong();
        final AtomicLong struckAt = new AtomicLong();

        FailAfter(Path broken, long after) {
            this.broken = broken;
            this.after = after;
        }

        @Override
        public SeekableByteChannel open(Path path) throws IOException {
            boolean ofBroken = path.startsWith(broken);
            if (ofBroken && brokenRead.get() >= after) {
                throw new IOException("injected fault: " + broken + " fails");
            }
            return new Counting((FileChannel) SourceOpener.FILES.open(path), ofBroken);
        }

        private final class Counting extends java.nio.channels.spi.AbstractInterruptibleChannel
                implements SeekableByteChannel {

            private final FileChannel file;
            private final boolean ofBroken;

            Counting(FileChannel file, boolean ofBroken) {
                this.file = file;
                this.ofBroken = ofBroken;
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (ofBroken && brokenRead.get() >= after) {
                    throw new IOException("injected fault: " + broken + " fails to read");
                }
                int n = file.read(dst);
                if (n > 0) {
                    read.addAndGet(n);
                    if (ofBroken && brokenRead.addAndGet(n) >= after) {
                        struckAt.compareAndSet(0, System.nanoTime());
                    }
                }
                return n;
            }

            @Override
            public int write(ByteBuffer src) {
                throw new UnsupportedOperationException("read only");
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
                throw new UnsupportedOperationException("read only");
            }

            @Override
            protected void implCloseChannel() throws IOException {
                file.close();
            }
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
