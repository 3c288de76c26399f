package org.stowage.device.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A fault-injecting decorator around any {@link Device}, for engine tests and benchmarks: failed calls, timeouts,
 * corrupted or truncated reads, a removed device, latency, throttled bandwidth, busy periods and a crash after n
 * puts. Faults are chosen per operation, blob type and blob name ({@link Fault}), and can be set up front with
 * {@link #wrap(Device)} or {@link #arm armed} and {@link ArmedFault#disarm disarmed} at any time, also while a
 * backup runs. With no faults it behaves exactly like the wrapped device.
 *
 * <p>Thread-safe. Deterministic: random decisions come from seeded generators, so a single-threaded test sees the
 * same faults on every run (with several threads the order of calls, and so the faulty ones, may vary).
 * An injected failure is a {@link DeviceException} naming the device, the operation and the blob, whose message
 * contains {@value #INJECTED}; a call failed before it reaches the device does not reach the wrapped device.
 */
public final class FaultyDevice implements Device {

    /** Prefix of every injected failure's message (after the device id). */
    public static final String INJECTED = "injected fault: ";

    private final Device delegate;
    private final List<ArmedFault> armed = new CopyOnWriteArrayList<>();
    private volatile Pacer pacer;
    private final double corruptFraction;
    private final Random corruptRandom;
    private final long crashAfterPuts;
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private final Map<DeviceOperation, AtomicLong> completed = new EnumMap<>(DeviceOperation.class);
    private volatile boolean crashed;
    private volatile String busyReason;
    private volatile long busyUntilNanos = Long.MAX_VALUE;

    private FaultyDevice(Builder builder) {
        this.delegate = builder.delegate;
        this.pacer = new Pacer(builder.latency, builder.bytesPerSecond);
        this.corruptFraction = builder.corruptFraction;
        this.corruptRandom = new Random(builder.seed ^ 0x5DEECE66DL);
        this.crashAfterPuts = builder.crashAfterPuts;
        this.busyReason = builder.busyReason;
        for (DeviceOperation operation : DeviceOperation.values()) {
            completed.put(operation, new AtomicLong());
        }
        builder.faults.forEach(this::arm);
    }

    /** Starts configuring faults around {@code delegate}. */
    public static Builder wrap(Device delegate) {
        return new Builder(delegate);
    }

    /** Arms {@code fault} (a copy of it) from the next call on; see {@link Fault} for examples. */
    public ArmedFault arm(Fault fault) {
        ArmedFault armedFault = new ArmedFault(this, fault);
        armed.add(armedFault);
        return armedFault;
    }

    void disarm(ArmedFault fault) {
        armed.remove(fault);
    }

    /** Disarms every fault, including those given to the builder; latency, bandwidth and busy stay. */
    public void disarmAll() {
        armed.clear();
    }

    /** Changes latency and bandwidth (0 = unlimited) for the calls that start from now on. */
    public void pace(Duration latency, long bytesPerSecond) {
        this.pacer = new Pacer(latency, bytesPerSecond);
    }

    /** Reports BUSY with {@code reason} from now on (unless the wrapped device is offline). */
    public void setBusy(String reason) {
        busyFor(reason, null);
    }

    /** Reports BUSY with {@code reason} for {@code period} (null: until {@link #clearBusy()}). */
    public void busyFor(String reason, Duration period) {
        this.busyUntilNanos = period == null ? Long.MAX_VALUE : System.nanoTime() + period.toNanos();
        this.busyReason = reason == null || reason.isBlank() ? "busy (set by test)" : reason;
    }

    /** Ends a busy period: the wrapped device's own state shows again. */
    public void clearBusy() {
        this.busyReason = null;
    }

    /** How many failures (including crashed puts, timeouts and removals, not corrupted reads) were injected. */
    public long injectedFailures() {
        return injected.get();
    }

    /** How many calls of {@code operation} reached the wrapped device and returned normally. */
    public long completed(DeviceOperation operation) {
        return completed.get(operation).get();
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
        if (armed.stream().anyMatch(f -> f.effect() == Fault.Effect.REMOVED)) {
            return new DeviceStatus(DeviceState.OFFLINE, "device removed (injected fault)", 0, 0, 0, 0);
        }
        String busy = busyReason;
        if (busy == null || System.nanoTime() - busyUntilNanos > 0 || status.state() == DeviceState.OFFLINE) {
            return status;
        }
        return new DeviceStatus(DeviceState.BUSY, busy, status.trafficBytesPerSecond(), status.queueDepth(),
                status.usedBytes(), status.freeBytes());
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        Strikes strikes = before(DeviceOperation.PUT, name.type(), name, name.toString());
        crashPoint(name);
        int bytes = content.remaining();
        delegate.put(name, content);
        after(DeviceOperation.PUT, strikes, bytes);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        Strikes strikes = before(DeviceOperation.GET, name.type(), name, name + " " + range);
        ByteBuffer result = delegate.get(name, range);
        after(DeviceOperation.GET, strikes, result.remaining());
        return strikes.damage(maybeCorrupt(result));
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        Strikes strikes = before(DeviceOperation.STAT, name.type(), name, name.toString());
        Optional<BlobInfo> info = delegate.stat(name);
        after(DeviceOperation.STAT, strikes, 0);
        return info;
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        Strikes strikes = before(DeviceOperation.LIST, type, null, type.folder());
        delegate.list(type, visitor);
        after(DeviceOperation.LIST, strikes, 0);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        Strikes strikes = before(DeviceOperation.DELETE, name.type(), name, name.toString());
        delegate.delete(name);
        after(DeviceOperation.DELETE, strikes, 0);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        Strikes strikes = before(DeviceOperation.PROBE, null, null, bytes + " probe bytes");
        long start = System.nanoTime();
        ProbeResult result = delegate.probe(bytes);
        after(DeviceOperation.PROBE, strikes, bytes);
        return new ProbeResult(result.deviceId(), result.bytes(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Counts the call against every armed fault, throws for those striking before it, then waits the latency. */
    private Strikes before(DeviceOperation operation, BlobType type, BlobName name, String target)
            throws IOException {
        Strikes strikes = Strikes.NONE;
        for (ArmedFault fault : armed) {
            long call = fault.strikes(operation, type, name);
            if (call > 0) {
                if (strikes == Strikes.NONE) {
                    strikes = new Strikes(delegate.descriptor().id(), operation, target);
                }
                strikes.add(fault, call);
            }
        }
        try {
            strikes.beforeCall();
        } catch (IOException e) {
            injected.incrementAndGet();
            throw e;
        }
        pacer.latency();
        return strikes;
    }

    /** Records the completed call, paces its bytes, and throws for faults striking after the call. */
    private void after(DeviceOperation operation, Strikes strikes, long bytes) throws IOException {
        completed.get(operation).incrementAndGet();
        pacer.transfer(bytes);
        try {
            strikes.afterCall();
        } catch (IOException e) {
            injected.incrementAndGet();
            throw e;
        }
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
        return Strikes.flip(result, index);
    }

    /** Configures a {@link FaultyDevice}. Not thread-safe; build once, then share the device. */
    public static final class Builder {

        private final Device delegate;
        private final List<Fault> faults = new ArrayList<>();
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
            faults.add(Fault.fail(required(operations)).nth(n));
            return this;
        }

        /** Fails every {@code n}th call counted over {@code operations}: calls n, 2n, 3n, ... */
        public Builder failEveryNth(long n, DeviceOperation... operations) {
            faults.add(Fault.fail(required(operations)).everyNth(n));
            return this;
        }

        /** Fails a seeded-random {@code fraction} (0 to 1) of the calls of {@code operations}. */
        public Builder failRandomly(double fraction, DeviceOperation... operations) {
            faults.add(Fault.fail(required(operations)).randomly(fraction, seed + faults.size()));
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

        /** Arms {@code fault} when the device is built; see {@link FaultyDevice#arm}. */
        public Builder fault(Fault fault) {
            faults.add(fault);
            return this;
        }

        public FaultyDevice build() {
            return new FaultyDevice(this);
        }

        private static DeviceOperation[] required(DeviceOperation... operations) {
            if (operations.length == 0) {
                throw new IllegalArgumentException("a failure rule needs at least one operation");
            }
            return operations;
        }
    }
}
