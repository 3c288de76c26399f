package org.stowage.device.tape.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.stowage.api.device.support.ByteSizes;

/**
 * The library's one tape drive: tape is one stream, so every use of the medium holds the drive, and callers queue
 * (fairly, in arrival order) until it is free. Tracks the loaded cartridge and the head position, simulates load,
 * locate, rewind and streaming time on a {@link Motion}, and counts loads, locates and rewinds so that tests and
 * operators see whether reads were well ordered. What the drive is doing is published for the device's status.
 * Thread-safe; the positioning methods must be called by the holder of the drive (inside {@link #use}).
 */
final class TapeDrive {

    /** Work done while holding the drive. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /**
     * The drive's buffer keeps the tape streaming through host pauses (hashing, fsync) of up to this long between
     * transfers: 250 ms, i.e. 50 MiB at 200 MiB/s, far less than a real drive's buffer (LTO-9: 1 GiB). Longer
     * pauses stop the tape.
     */
    static final long STREAM_SLACK_NANOS = 250_000_000L;

    private final Motion motion;
    private final TapeTiming timing;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong locates = new AtomicLong();
    private final AtomicLong rewinds = new AtomicLong();
    private volatile String activity;
    private volatile Cartridge loaded;
    private volatile long head;
    /** When the tape finishes streaming what was booked so far (simulated time); guarded by the drive lock. */
    private long streamFreeAt;

    TapeDrive(Motion motion, TapeTiming timing) {
        this.motion = motion;
        this.timing = timing;
    }

    /** Waits for the drive, runs {@code work} holding it; {@code what} is the drive's activity meanwhile. */
    <T> T use(String what, Work<T> work) throws IOException {
        waiting.incrementAndGet();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the tape drive (" + what + ")");
        } finally {
            waiting.decrementAndGet();
        }
        try {
            activity = what;
            return work.run();
        } finally {
            activity = null;
            lock.unlock();
        }
    }

    /** Loads {@code cartridge} unless it is already loaded: rewinds and unloads the current one first. */
    void load(Cartridge cartridge) throws IOException {
        if (loaded == cartridge) {
            return;
        }
        String was = activity;
        try {
            unload();
            activity = "loading cartridge " + cartridge.label();
            motion.pause(timing.loadNanos());
            loads.incrementAndGet();
            loaded = cartridge;
            head = 0;
            streamFreeAt = motion.nanoTime();
        } finally {
            activity = was;
        }
    }

    /** Rewinds and unloads the loaded cartridge, if any. */
    void unload() throws IOException {
        Cartridge current = loaded;
        if (current == null) {
            return;
        }
        String was = activity;
        try {
            activity = "rewinding " + current.label();
            motion.pause(timing.rewindNanos(head));
            rewinds.incrementAndGet();
            head = 0;
            loaded = null;
            streamFreeAt = motion.nanoTime();
            current.close();
        } finally {
            activity = was;
        }
    }

    /**
     * Moves the head of the loaded cartridge to {@code target}: nothing if it is there, reading on if the target is
     * a short way ahead ({@link TapeTiming#readThroughBytes()}), else one locate.
     */
    void positionTo(long target) throws IOException {
        long from = head;
        if (from == target) {
            return;
        }
        if (target > from && target - from <= timing.readThroughBytes()) {
            motion.pause(timing.streamNanos(target - from));
            head = target;
            streamFreeAt = motion.nanoTime();
            return;
        }
        String was = activity;
        try {
            activity = "locating to " + ByteSizes.format(target) + " on " + loaded.label();
            motion.pause(timing.locateNanos(target - from));
            locates.incrementAndGet();
            head = target;
            streamFreeAt = motion.nanoTime();
        } finally {
            activity = was;
        }
    }

    /**
     * A pacer for one transfer that starts now, on the tape's timeline: told the bytes moved so far, it waits until
     * the streaming rate allows that many, so the real I/O overlaps the simulated time instead of adding to it. The
     * transfer continues where the previous one ended if the host paused less than {@link #STREAM_SLACK_NANOS}
     * (the tape kept streaming from the buffer); after a longer pause or a positioning it starts now.
     */
    Cartridge.Streamed stream() {
        long start = Math.max(streamFreeAt, motion.nanoTime() - STREAM_SLACK_NANOS);
        return bytes -> {
            long deadline = start + timing.streamNanos(bytes);
            streamFreeAt = deadline;
            motion.waitUntil(deadline);
        };
    }

    /** Records that a transfer left the head at {@code position}. */
    void movedTo(long position) {
        head = position;
    }

    Optional<Cartridge> loaded() {
        return Optional.ofNullable(loaded);
    }

    long head() {
        return head;
    }

    /** What the drive is doing now, with the queue behind it; empty when it is free. */
    Optional<String> activity() {
        String now = activity;
        if (now == null) {
            return Optional.empty();
        }
        int queued = waiting.get();
        return Optional.of(queued == 0 ? now : now + " (" + queued + " more waiting for the drive)");
    }

    /** Operations holding or waiting for the drive. */
    int queueDepth() {
        return waiting.get() + (lock.isLocked() ? 1 : 0);
    }

    long loads() {
        return loads.get();
    }

    long locates() {
        return locates.get();
    }

    long rewinds() {
        return rewinds.get();
    }
}
