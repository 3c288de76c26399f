package org.stowage.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.stowage.engine.internal.posix.NativeHeap;
import org.stowage.engine.internal.warmup.Warmup;

/**
 * The in-service mode ({@code StowageBench serve}): one JVM stays up for all phases and keeps every repository it
 * initialised or opened open, as the product does in Karaf, where the repository component opens the repository
 * (key derivation, index load) once and {@code stowage:backup}, {@code stowage:restore} and {@code stowage:check} run
 * against it. A phase measured through this mode therefore covers only the operation, not JVM start or key
 * derivation. Like the product's repository component, the service warms up as {@code bench.svc.warmup} says: the
 * crypto path when a repository is opened (the product's default), or a rehearsal of backup and restore in a
 * scratch directory below {@code java.io.tmpdir} when it starts. run.sh asks it whether it is {@code ready} (warm-up
 * finished) right after {@code init}, so the first timed operation starts warm, as in a service that was started
 * before its first job, and reports what getting there cost (time, CPU, bytes written) beside the phases.
 *
 * <p>Protocol, line by line: stdin carries one command per line, its words separated by TAB (so paths may hold
 * spaces), with the same words as the cold command line ({@code init|backup|restore|check ...}; {@code
 * --password-file} is needed only when the repository is not open yet), or {@code quit}. For each command, stdout
 * carries the command's own output, then one line
 * {@code @@done EXIT USER_S SYS_S PEAK_RSS_KB}: the exit code as the cold CLI would give it, the CPU time this
 * process used during the command, and its peak RSS during the command ({@code VmHWM}, reset before the command
 * through {@code /proc/self/clear_refs}; where that reset is refused it is the process's peak so far). Commands run
 * one at a time, in order. Exit code of the service: 0 after {@code quit} or end of input.
 *
 * <p>Start-up, which run.sh counts as the service's cost (issue 19): once it reads commands the service prints
 * {@code @@serving MS} (milliseconds since the JVM started). The command {@code ready} waits until the engine's
 * warm-up has finished and answers {@code @@ready USER_S SYS_S PEAK_RSS_KB WRITE_BYTES}: the CPU time, peak RSS and
 * bytes written to storage ({@code write_bytes} of {@code /proc/self/io}) of the whole process since it started.
 */
final class Service {

    static final String DONE = "@@done";
    static final String SERVING = "@@serving";
    static final String READY = "@@ready";
    /** The engine's warm-up runs on a thread of this name (Warmup.startOnce); {@code ready} waits for it. */
    private static final String WARMUP_THREAD = "stowage-warmup";
    /** Clock ticks per second of /proc/self/stat (getconf CLK_TCK); run.sh passes it. */
    private static final int HZ = Integer.getInteger("bench.clk_tck", 100);

    private final Map<Path, Engine> engines = new HashMap<>();
    private final PrintStream out;
    /** The highest VmHWM seen before a command reset it: with the current one, the process's peak since start. */
    private long lifetimePeakKb;

    private Service(PrintStream out) {
        this.out = out;
    }

    static int serve(InputStream in, PrintStream out) {
        NativeHeap.mapLargeBlocks(); // as the product's repository component does when it starts
        // as the product's warmup setting: crypto (its default; Engine's open runs it) or rehearsal
        String warmup = System.getProperty("bench.svc.warmup", "crypto");
        if (warmup.equals("rehearsal")) {
            Warmup.atServiceStart(Path.of(System.getProperty("java.io.tmpdir")));
        } else if (!warmup.equals("crypto")) {
            throw new IllegalArgumentException("bench.svc.warmup '" + warmup + "': use crypto or rehearsal");
        }
        Service service = new Service(out);
        out.printf(Locale.ROOT, "%s %d%n", SERVING,
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        out.flush();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("quit")) {
                if (line.equals("ready")) {
                    service.ready();
                } else if (!line.isBlank()) {
                    service.run(line.split("\t"));
                }
            }
        } catch (IOException e) {
            e.printStackTrace(out);
            return 1;
        } finally {
            service.closeAll();
        }
        return 0;
    }

    /** Waits for the warm-up thread, if one runs, then reports the process's totals since it started. */
    private void ready() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(WARMUP_THREAD)) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.println("stowage-bench serve: interrupted while waiting for the warm-up");
                }
            }
        }
        long[] cpu = cpuTicks();
        out.printf(Locale.ROOT, "%s %.2f %.2f %d %d%n", READY, cpu[0] / (double) HZ, cpu[1] / (double) HZ,
                Math.max(lifetimePeakKb, peakRssKb()), writtenBytes());
        out.flush();
    }

    private void run(String[] words) {
        lifetimePeakKb = Math.max(lifetimePeakKb, peakRssKb());
        resetPeakRss();
        long[] cpu0 = cpuTicks();
        int code;
        try {
            code = execute(StowageBench.Args.parse(words, false));
        } catch (IllegalArgumentException e) {
            out.println("stowage-bench serve: " + e.getMessage());
            code = 2;
        } catch (IOException | RuntimeException e) {
            out.println("stowage-bench " + words[0] + " failed: " + e);
            e.printStackTrace(out);
            code = 1;
        }
        long[] cpu1 = cpuTicks();
        out.printf(Locale.ROOT, "%s %d %.2f %.2f %d%n", DONE, code, (cpu1[0] - cpu0[0]) / (double) HZ,
                (cpu1[1] - cpu0[1]) / (double) HZ, peakRssKb());
        out.flush();
    }

    private int execute(StowageBench.Args a) throws IOException {
        Path key = a.repo.toAbsolutePath().normalize();
        if (a.command.equals("init")) {
            if (engines.containsKey(key)) {
                throw new IllegalArgumentException("repository " + key + " is already open in this service");
            }
            StowageBench.Args withPassword = requirePassword(a);
            Engine engine = Engine.init(withPassword.repo, withPassword.passwordFile,
                    org.stowage.engine.internal.repo.RepositoryOptions.defaults()
                            .withCompressionLevel(a.compression));
            engines.put(key, engine);
            out.printf(Locale.ROOT, "created repository %s in %s (zstd level %d) in %d ms; kept open%n",
                    engine.repository().config().id().substring(0, 8), a.repo,
                    engine.repository().config().compressionLevel(), engine.openMillis());
            return 0;
        }
        Engine engine = engines.get(key);
        if (engine == null) {
            engine = Engine.open(a.repo, requirePassword(a).passwordFile);
            engines.put(key, engine);
            out.printf(Locale.ROOT, "time: open repository %d ms (key derivation, index load; once per service)%n",
                    engine.openMillis());
        } else {
            out.println("time: open repository 0 ms (open since an earlier command of this service)");
        }
        return switch (a.command) {
            case "backup" -> StowageBench.backup(a, engine);
            case "restore" -> StowageBench.restore(a, engine);
            case "check" -> StowageBench.check(a, engine);
            default -> throw new IllegalArgumentException("unknown command '" + a.command + "'");
        };
    }

    private static StowageBench.Args requirePassword(StowageBench.Args a) {
        if (a.passwordFile == null) {
            throw new IllegalArgumentException("--password-file is required to open " + a.repo);
        }
        return a;
    }

    private void closeAll() {
        for (Map.Entry<Path, Engine> e : engines.entrySet()) {
            try {
                e.getValue().close();
            } catch (IOException | RuntimeException ex) {
                out.println("closing " + e.getKey() + " failed: " + ex);
            }
        }
        engines.clear();
    }

    /** Resets VmHWM to the current RSS (Linux ≥ 4.0: "5" to clear_refs); a refusal leaves the lifetime peak. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            // Documented fallback: the reported peak is then the process's peak so far, never less than the truth.
            System.err.println("stowage-bench serve: cannot reset the peak RSS (" + e + "); reporting the "
                    + "process's peak so far");
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            System.err.println("stowage-bench serve: cannot read /proc/self/status: " + e);
        }
        return -1;
    }

    /** Bytes this process caused to be written to storage since it started; -1 where /proc/self/io is missing. */
    private static long writtenBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException e) {
            System.err.println("stowage-bench serve: cannot read /proc/self/io: " + e);
        }
        return -1;
    }

    /** User and system clock ticks of this process (fields 14 and 15 of /proc/self/stat). */
    private static long[] cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException e) {
            System.err.println("stowage-bench serve: cannot read /proc/self/stat: " + e);
            return new long[] {0, 0};
        }
    }
}
