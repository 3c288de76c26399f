package org.stowage.bench.placement;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The shared machine around a measurement (also used by the staging bench): waits until the 1-minute load average is below 1.0 (other builds have
 * gone quiet), and measures the CPU time other processes used during a run (all busy CPU time of the machine from
 * /proc/stat minus this JVM's own), so that every figure can be shown with the load it was taken under.
 */
public final class Machine {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on Linux

    private Machine() {
    }

    /** The 1-minute load average, from /proc/loadavg. */
    public static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits until the 1-minute load is below 1.0, polling every 30 s, for at most {@code maxSeconds}; returns the load
     * when it stopped waiting (at or above 1.0 when the machine never went quiet: the caller shows it).
     */
    public static double waitQuiet(int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double load = load();
        while (load >= 1.0 && System.nanoTime() < deadline) {
            System.out.printf(Locale.ROOT, "  (waiting for a quiet machine: load %.2f)%n", load);
            Thread.sleep(Math.min(30_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            load = load();
        }
        return load;
    }

    /** Writes the page cache back (outside the timing), so that no run pays for an earlier one's writes. */
    public static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** This JVM's CPU time so far, seconds (all threads, user + system). */
    public static double ownCpuSeconds() {
        return OS.getProcessCpuTime() / 1e9;
    }

    /** CPU seconds all processes of the machine spent busy so far (user, nice, system, irq, softirq, steal). */
    public static double machineCpuSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
