package org.stowage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupSelection;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotStats;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * The bench's command line: drives the real engine on a real disk device, without OSGi.
 *
 * <pre>
 *   init    --repo DIR --password-file F [--compression N]
 *   backup  --repo DIR --password-file F [--tag T]... PATH...
 *   restore --repo DIR --password-file F SNAPSHOT TARGET
 *   check   --repo DIR --password-file F [--read-data]
 *   serve   (the in-service mode: one JVM runs many commands read from stdin, see {@link Service})
 * </pre>
 *
 * Prints what it did, and where the time went: JVM start to main, repository init/open (key derivation, index
 * load), the operation, close. Exit code 0 on success, 1 on failure, 2 on bad usage, 3 when a check finds errors
 * or a restore or backup is incomplete.
 */
public final class StowageBench {

    private static final double MIB = 1024.0 * 1024.0;
    static final PrintStream OUT = System.out;

    private StowageBench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            System.exit(Service.serve(System.in, OUT));
            return;
        }
        long mainStart = System.nanoTime();
        long jvmToMain = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stowage-bench: " + e.getMessage());
            System.err.println("usage: init|backup|restore|check --repo DIR --password-file F ...");
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(a);
        } catch (IOException | RuntimeException e) {
            System.err.println("stowage-bench " + a.command + " failed: " + e);
            e.printStackTrace(System.err);
            code = 1;
        }
        OUT.printf(Locale.ROOT, "time: JVM start to main %d ms, main to exit %d ms%n", jvmToMain,
                (System.nanoTime() - mainStart) / 1_000_000);
        System.exit(code);
    }

    private static int run(Args a) throws IOException {
        switch (a.command) {
            case "init": {
                RepositoryOptions options = RepositoryOptions.defaults().withCompressionLevel(a.compression);
                try (Engine engine = Engine.init(a.repo, a.passwordFile, options)) {
                    OUT.printf(Locale.ROOT, "created repository %s in %s (zstd level %d) in %d ms%n",
                            engine.repository().config().id().substring(0, 8), a.repo,
                            engine.repository().config().compressionLevel(), engine.openMillis());
                }
                return 0;
            }
            case "backup":
                return backup(a);
            case "restore":
                return restore(a);
            case "check":
                return check(a);
            default:
                throw new IllegalStateException(a.command);
        }
    }

    private static int backup(Args a) throws IOException {
        try (Closing<Engine> engine = open(a)) {
            return backup(a, engine.get());
        }
    }

    static int backup(Args a, Engine engine) {
        if (a.operands.isEmpty()) {
            throw new IllegalArgumentException("backup needs at least one PATH");
        }
        List<Path> paths = a.operands.stream().map(Path::of).toList();
        {
            ConsoleProgress progress = new ConsoleProgress(OUT);
            long start = System.nanoTime();
            SnapshotInfo info = engine.backupService()
                    .backup(new BackupRequest(paths, null, a.tags, null, PlacementOverride.REPOSITORY,
                            new BackupSelection(a.excludes, List.of(), List.of(), false, List.of(), 0, false, null)),
                            progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            SnapshotStats s = info.stats();
            OUT.printf(Locale.ROOT, "snapshot %s saved%s (parent %s)%n", info.shortId(),
                    info.isComplete() ? "" : " INCOMPLETE: " + info.incompleteReason(),
                    info.parent() == null ? "none" : info.parent().substring(0, 8));
            OUT.printf(Locale.ROOT, "files: %d new, %d changed, %d unmodified; %d dirs; %d errors%n", s.filesNew(),
                    s.filesChanged(), s.filesUnmodified(), s.dirs(), s.errors());
            OUT.printf(Locale.ROOT, "processed %.1f MiB; added %d blobs, %.1f MiB (%.1f MiB stored)%n",
                    s.bytesProcessed() / MIB, s.blobsAdded(), s.bytesAdded() / MIB, s.bytesStored() / MIB);
            OUT.printf(Locale.ROOT, "time: backup %.2f s (%.1f MiB/s of processed data)%n", seconds,
                    s.bytesProcessed() / MIB / seconds);
            return info.isComplete() && s.errors() == 0 ? 0 : 3;
        }
    }

    private static int restore(Args a) throws IOException {
        try (Closing<Engine> engine = open(a)) {
            return restore(a, engine.get());
        }
    }

    static int restore(Args a, Engine engine) {
        if (a.operands.size() != 2) {
            throw new IllegalArgumentException("restore needs SNAPSHOT and TARGET");
        }
        {
            long start = System.nanoTime();
            RestoreResult r = engine.restoreService().restore(
                    new RestoreRequest(a.operands.get(0), Path.of(a.operands.get(1)), List.of()),
                    new ConsoleProgress(OUT));
            double seconds = (System.nanoTime() - start) / 1e9;
            OUT.printf(Locale.ROOT, "restored %d files, %d dirs, %d symlinks, %.1f MiB into %s%n", r.files(),
                    r.dirs(), r.symlinks(), r.bytes() / MIB, a.operands.get(1));
            r.failures().forEach(f -> OUT.println("  failed: " + f));
            OUT.printf(Locale.ROOT, "time: restore %.2f s (%.1f MiB/s)%n", seconds, r.bytes() / MIB / seconds);
            return r.isComplete() ? 0 : 3;
        }
    }

    private static int check(Args a) throws IOException {
        try (Closing<Engine> engine = open(a)) {
            return check(a, engine.get());
        }
    }

    static int check(Args a, Engine engine) {
        {
            long start = System.nanoTime();
            CheckReport r = engine.checkService().check(a.readData, new ConsoleProgress(OUT));
            double seconds = (System.nanoTime() - start) / 1e9;
            OUT.printf(Locale.ROOT, "checked %d snapshots, %d packs, %d blobs%s; read %.1f MiB%n", r.snapshots(),
                    r.packs(), r.blobs(), a.readData ? " with their data" : "", r.bytesRead() / MIB);
            r.errors().forEach(e -> OUT.println("  error: " + e));
            OUT.printf(Locale.ROOT, "%s%ntime: check %.2f s%n", r.isOk() ? "no errors found" : "ERRORS FOUND",
                    seconds);
            return r.isOk() ? 0 : 3;
        }
    }

    private static Closing<Engine> open(Args a) throws IOException {
        Engine engine = Engine.open(a.repo, a.passwordFile);
        OUT.printf(Locale.ROOT, "time: open repository %d ms (key derivation, index load)%n", engine.openMillis());
        return new Closing<>(engine);
    }

    /** Closes the engine and reports how long closing (flushing, unlocking) took. */
    private static final class Closing<T extends Engine> implements AutoCloseable {
        private final T engine;

        Closing(T engine) {
            this.engine = engine;
        }

        T get() {
            return engine;
        }

        @Override
        public void close() throws IOException {
            long start = System.nanoTime();
            engine.close();
            OUT.printf(Locale.ROOT, "time: close repository %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Parsed command line. */
    static final class Args {
        String command;
        Path repo;
        Path passwordFile;
        int compression = RepositoryOptions.defaults().compressionLevel();
        boolean readData;
        final Set<String> tags = new LinkedHashSet<>();
        final List<String> operands = new ArrayList<>();
        /** Exclude patterns of a backup (bench/run.sh --excludes20 measures what matching them costs). */
        final List<String> excludes = new ArrayList<>();

        static Args parse(String[] args) {
            return parse(args, true);
        }

        /** @param needsPasswordFile false in the service, where the password file is needed only to open */
        static Args parse(String[] args, boolean needsPasswordFile) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no command");
            }
            Args a = new Args();
            a.command = args[0];
            if (!List.of("init", "backup", "restore", "check").contains(a.command)) {
                throw new IllegalArgumentException("unknown command '" + a.command + "'");
            }
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--repo" -> a.repo = Path.of(value(args, ++i, arg));
                    case "--password-file" -> a.passwordFile = Path.of(value(args, ++i, arg));
                    case "--compression" -> a.compression = Integer.parseInt(value(args, ++i, arg));
                    case "--tag" -> a.tags.add(value(args, ++i, arg));
                    case "--exclude" -> a.excludes.add(value(args, ++i, arg));
                    case "--read-data" -> a.readData = true;
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        a.operands.add(arg);
                    }
                }
            }
            if (a.repo == null || (needsPasswordFile && a.passwordFile == null)) {
                throw new IllegalArgumentException("--repo and --password-file are required");
            }
            return a;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
