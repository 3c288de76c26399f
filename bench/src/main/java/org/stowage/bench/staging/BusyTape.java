package org.stowage.bench.staging;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * A device that is busy for a while the way a tape drive is busy with another job: it reports BUSY, and a put
 * (or get) that arrives meanwhile does not fail but waits until the busy period ends, then runs. The test kit's
 * {@code FaultyDevice} only reports BUSY and still takes puts at once, which would let a writer that ignores the
 * status pass straight through; here a writer that does not stage really waits, as on a drive that is mounted for
 * another job. Status, stat and list answer at once (a library answers inventory queries while a drive is in use).
 *
 * <p>Counts the puts that had to wait and for how long (with staging: none, since the views stage while the device
 * is BUSY), and when the last pack put returned (the moment the tape held everything). Thread-safe.
 */
final class BusyTape implements Device {

    private final Device delegate;
    private volatile long busyUntilNanos = System.nanoTime(); // idle until told otherwise
    private volatile String reason = "";
    private final AtomicLong waitedPuts = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    private final AtomicLong lastPutEndNanos = new AtomicLong(Long.MIN_VALUE);

    BusyTape(Device delegate) {
        this.delegate = delegate;
    }

    /** BUSY from now until {@code untilNanos} ({@link System#nanoTime()}): puts and gets wait for it. */
    void busyUntil(long untilNanos, String why) {
        this.reason = why;
        this.busyUntilNanos = untilNanos;
    }

    long busyUntilNanos() {
        return busyUntilNanos;
    }

    /** Puts that arrived while the device was busy and waited for the end of the busy period. */
    long waitedPuts() {
        return waitedPuts.get();
    }

    /** Their summed wait, seconds. */
    double waitedSeconds() {
        return waitedNanos.get() / 1e9;
    }

    /** When the last pack put returned ({@link System#nanoTime()}), or {@link Long#MIN_VALUE} before any. */
    long lastPutEndNanos() {
        return lastPutEndNanos.get();
    }

    private boolean busy() {
        return System.nanoTime() - busyUntilNanos < 0;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public DeviceStatus status() {
        DeviceStatus status = delegate.status();
        if (!busy() || status.state() == DeviceState.OFFLINE) {
            return status;
        }
        return new DeviceStatus(DeviceState.BUSY, reason, status.trafficBytesPerSecond(), status.queueDepth(),
                status.usedBytes(), status.freeBytes());
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        waitWhileBusy(true);
        delegate.put(name, content);
        if (name.type() == BlobType.DATA) {
            lastPutEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        waitWhileBusy(false);
        return delegate.get(name, range);
    }

    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        waitWhileBusy(false);
        delegate.get(name, range, out);
    }

    private void waitWhileBusy(boolean put) throws InterruptedIOException {
        long start = System.nanoTime();
        long left;
        boolean waited = false;
        while ((left = busyUntilNanos - System.nanoTime()) > 0) {
            waited = true;
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for busy device '"
                        + descriptor().id() + "'");
            }
        }
        if (waited && put) {
            waitedPuts.incrementAndGet();
            waitedNanos.addAndGet(System.nanoTime() - start);
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        return delegate.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        delegate.list(type, visitor);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        delegate.delete(name);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return delegate.probe(bytes);
    }
}
