package org.stowage.device.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * A fault-injecting decorator around any {@link Device}, for engine tests and benchmarks: failed calls, latency,
 * throttled bandwidth, busy periods, corrupted reads and a crash after n puts. Build one with
 * {@link #wrap(Device)}; with no faults configured it behaves exactly like the wrapped device.
 *
 * <p>Thread-safe. Deterministic: random decisions come from seeded generators, so a single-threaded test sees the
 * same faults on every run (with several threads the order of calls, and so the faulty ones, may vary).
 * An injected failure is a {@link DeviceException} whose message starts with {@value #INJECTED}; the failed call
 * does not reach the wrapped device.
 */
public final class FaultyDevice implements Device {

    /** Prefix of every injected failure's message (after the device id). */
    public static final String INJECTED = "injected fault: ";

    private final Device delegate;
    private final List<FailureRule> rules;
    private final Pacer pacer;
    private final double corruptFraction;
    private final Random corruptRandom;
    private final long crashAfterPuts;
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private volatile boolean crashed;
    private volatile String busyReason;

    private FaultyDevice(Builder builder) {
        this.delegate = builder.delegate;
        this.rules = List.copyOf(builder.rules);
        this.pacer = new Pacer(builder.latency, builder.bytesPerSecond);
        this.corruptFraction = builder.corruptFraction;
        this.corruptRandom = new Random(builder.seed ^ 0x5DEECE66DL);
        this.crashAfterPuts = builder.crashAfterPuts;
        this.busyReason = builder.busyReason;
    }

    /** Starts configuring faults around {@code delegate}. */
    public static Builder wrap(Device delegate) {
        return new Builder(delegate);
    }

    /** Reports BUSY with {@code reason} from now on (unless the wrapped device is offline). */
    public void setBusy(String reason) {
        this.busyReason = reason == null || reason.isBlank() ? "busy (set by test)" : reason;
    }

    /** Ends a busy period: the wrapped device's own state shows again. */
    public void clearBusy() {
        this.busyReason = null;
    }

    /** How many failures (including crashed puts) were injected so far. */
    public long injectedFailures() {
        return injected.get();
    }

    /** Whether the "crash after n puts" point was reached. */
    public boolean crashed() {
        return crashed;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public DeviceStatus status() {
        DeviceStatus status = delegate.status();
        String busy = busyReason;
        if (busy == null || status.state() == DeviceState.OFFLINE) {
            return status;
        }
        return new DeviceStatus(DeviceState.BUSY, busy, status.trafficBytesPerSecond(), status.queueDepth(),
                status.usedBytes(), status.freeBytes());
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        crashPoint(name);
        disturb(DeviceOperation.PUT, name.toString());
        delegate.put(name, content);
        pacer.transfer(content.remaining());
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        disturb(DeviceOperation.GET, name.toString());
        ByteBuffer result = delegate.get(name, range);
        pacer.transfer(result.remaining());
        return maybeCorrupt(result);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        disturb(DeviceOperation.STAT, name.toString());
        return delegate.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        disturb(DeviceOperation.LIST, type.folder());
        delegate.list(type, visitor);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        disturb(DeviceOperation.DELETE, name.toString());
        delegate.delete(name);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        disturb(DeviceOperation.PROBE, bytes + " probe bytes");
        long start = System.nanoTime();
        ProbeResult result = delegate.probe(bytes);
        pacer.transfer(bytes);
        return new ProbeResult(result.deviceId(), result.bytes(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void crashPoint(BlobName name) throws DeviceException {
        if (crashAfterPuts < 0) {
            return;
        }
        if (crashed || puts.incrementAndGet() > crashAfterPuts) {
            crashed = true;
            injected.incrementAndGet();
            throw new DeviceException(delegate.descriptor().id(), INJECTED + "crashed after " + crashAfterPuts
                    + " puts; put of " + name + " and every later put fail");
        }
    }

    private void disturb(DeviceOperation operation, String target) throws IOException {
        for (FailureRule rule : rules) {
            long call = rule.fires(operation);
            if (call > 0) {
                injected.incrementAndGet();
                throw new DeviceException(delegate.descriptor().id(), INJECTED + operation + " of " + target
                        + " failed (call #" + call + ", rule: " + rule + ")");
            }
        }
        pacer.latency();
    }

    private ByteBuffer maybeCorrupt(ByteBuffer result) {
        if (corruptFraction == 0 || !result.hasRemaining()) {
            return result;
        }
        int index;
        synchronized (corruptRandom) {
            if (corruptRandom.nextDouble() >= corruptFraction) {
                return result;
            }
            index = corruptRandom.nextInt(result.remaining());
        }
        ByteBuffer copy = result.isDirect() ? ByteBuffer.allocateDirect(result.remaining())
                : ByteBuffer.allocate(result.remaining());
        copy.put(result.duplicate()).flip();
        copy.put(index, (byte) ~copy.get(index));
        return copy;
    }

    /** Configures a {@link FaultyDevice}. Not thread-safe; build once, then share the device. */
    public static final class Builder {

        private final Device delegate;
        private final List<FailureRule> rules = new ArrayList<>();
        private long seed;
        private Duration latency = Duration.ZERO;
        private long bytesPerSecond;
        private double corruptFraction;
        private long crashAfterPuts = -1;
        private String busyReason;

        private Builder(Device delegate) {
            this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
        }

        /** Seed of every random decision (default 0); set it before the random rules that should use it. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Fails the {@code n}th call (1-based) counted over {@code operations}. */
        public Builder failNth(long n, DeviceOperation... operations) {
            rules.add(FailureRule.nth(n, operations));
            return this;
        }

        /** Fails every {@code n}th call counted over {@code operations}: calls n, 2n, 3n, ... */
        public Builder failEveryNth(long n, DeviceOperation... operations) {
            rules.add(FailureRule.everyNth(n, operations));
            return this;
        }

        /** Fails a seeded-random {@code fraction} (0 to 1) of the calls of {@code operations}. */
        public Builder failRandomly(double fraction, DeviceOperation... operations) {
            rules.add(FailureRule.random(fraction, seed + rules.size(), operations));
            return this;
        }

        /** Adds {@code latency} before every call that is not failed. */
        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        /** Limits put, get and probe traffic to {@code bytesPerSecond} (0 = unlimited), shared by all threads. */
        public Builder bandwidth(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
            return this;
        }

        /** Flips one byte in a seeded-random {@code fraction} (0 to 1) of the non-empty buffers get returns. */
        public Builder corruptReads(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("corrupt fraction must be in [0, 1], not " + fraction);
            }
            this.corruptFraction = fraction;
            return this;
        }

        /** Lets {@code n} puts through; put number n+1 and every later put fail without storing anything. */
        public Builder crashAfterPuts(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("crash point must be 0 or more puts, not " + n);
            }
            this.crashAfterPuts = n;
            return this;
        }

        /** Starts busy with {@code reason}; see {@link FaultyDevice#clearBusy()}. */
        public Builder busy(String reason) {
            this.busyReason = reason;
            return this;
        }

        public FaultyDevice build() {
            return new FaultyDevice(this);
        }
    }
}
