package org.stowage.bench.staging;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.staging.internal.store.DeviceUsage;
import org.stowage.staging.internal.store.StagingStore;

/**
 * Samples the staging store every {@value #INTERVAL_MILLIS} ms on its own thread while a run lasts: the live bytes
 * the capacity bounds ({@code usedBytes}) against the capacity the sizer set at that moment, and the bytes staged per
 * device. Keeps the peak, the capacity at the peak, the smallest headroom seen, and each device's peak. A sample
 * costs a few microseconds (two reads of the store's in-memory table), nothing the run would notice.
 */
final class UsageSampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 20;

    private final StagingStore store;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Long> devicePeaks = new TreeMap<>();
    private long peakUsed;
    private long capacityAtPeak;
    private long minCapacity = Long.MAX_VALUE;
    private double closestShare;
    private int samples;

    UsageSampler(StagingStore store) {
        this.store = store;
        this.thread = new Thread(this::loop, "staging-bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running.get()) {
            sample();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        long used = store.usedBytes();
        long capacity = store.capacityBytes();
        samples++;
        minCapacity = Math.min(minCapacity, capacity);
        closestShare = Math.max(closestShare, used / (double) capacity);
        if (used > peakUsed || samples == 1) {
            peakUsed = used;
            capacityAtPeak = capacity;
        }
        for (DeviceUsage usage : store.usage()) {
            devicePeaks.merge(usage.deviceId(), usage.stagedBytes(), Math::max);
        }
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join();
        sample();
    }

    synchronized long peakUsed() {
        return peakUsed;
    }

    /** The limit in force when the peak was sampled. */
    synchronized long capacityAtPeak() {
        return capacityAtPeak;
    }

    synchronized long minCapacity() {
        return minCapacity;
    }

    /** The highest used / capacity of any sample: below 1 means staging never reached its limit. */
    synchronized double closestShare() {
        return closestShare;
    }

    synchronized Map<String, Long> devicePeaks() {
        return Map.copyOf(devicePeaks);
    }

    synchronized int samples() {
        return samples;
    }
}
