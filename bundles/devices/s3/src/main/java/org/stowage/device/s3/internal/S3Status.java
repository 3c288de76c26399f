package org.stowage.device.s3.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.DeviceLoad;
import org.stowage.api.device.support.TrafficMeter;

/**
 * What an S3 device reports, learnt from what S3 answers ({@link Retrier.Listener}):
 * <ul>
 *   <li>OFFLINE while the endpoint does not answer, or refuses the bucket or the credentials, with the reason; and
 *       until the device has opened (listed its prefix once to count used bytes). While OFFLINE, {@link #current()}
 *       checks S3 again, at most every {@link #RECHECK} with one attempt, so a server that comes back is noticed
 *       without a restart or an operation;</li>
 *   <li>BUSY for {@link #THROTTLE_COOL_DOWN} after S3 throttled a request (503 SlowDown, 429), and whenever
 *       {@link DeviceLoad} says so (operator, busy window, in-flight limit).</li>
 * </ul>
 * Thread-safe.
 */
final class S3Status implements Retrier.Listener {

    static final Duration THROTTLE_COOL_DOWN = Duration.ofSeconds(15);
    static final Duration RECHECK = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(S3Status.class);

    /** The device's side of opening and checking. */
    interface Remote {
        /** Lists every blob type once and sums the sizes; {@code patient}: with retries, else one attempt. */
        long usedBytes(boolean patient) throws IOException;

        /** Checks with one attempt that the endpoint answers and the bucket exists. */
        void ping() throws IOException;
    }

    private final S3Settings settings;
    private final Clock clock;
    private final DeviceLoad load;
    private final TrafficMeter traffic;
    private final UsedSpace space;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private Remote remote;
    private volatile boolean opened;
    private volatile String offline = "S3 not contacted yet";
    private volatile String throttleReason = "";
    private volatile Instant throttledUntil = Instant.MIN;
    private volatile Instant nextCheck = Instant.MIN;
    private volatile String lastFailure = "";

    S3Status(S3Settings settings, Clock clock, DeviceLoad load, TrafficMeter traffic, UsedSpace space) {
        this.settings = settings;
        this.clock = clock;
        this.load = load;
        this.traffic = traffic;
        this.space = space;
    }

    void connect(Remote remote) {
        this.remote = remote;
    }

    @Override
    public void succeeded() {
        if (opened && offline != null) {
            LOG.info("Device '{}' is back online: {} answers", id(), settings.endpointName());
        }
        offline = opened ? null : offline;
    }

    @Override
    public void failed(FailureKind kind, String description) {
        failures.incrementAndGet();
        lastFailure = kind + ": " + description;
        switch (kind) {
            case THROTTLED -> {
                throttled.incrementAndGet();
                throttleReason = "S3 throttling (" + description + ") from " + settings.endpointName();
                throttledUntil = clock.instant().plus(THROTTLE_COOL_DOWN);
            }
            case UNREACHABLE -> goOffline("S3 endpoint " + settings.endpointName() + " does not answer: "
                    + description + "; check that the server runs and the key 'endpoint'");
            case REFUSED -> goOffline("S3 at " + settings.endpointName() + " refuses bucket '" + settings.bucket()
                    + "': " + description + "; check the keys 'bucket', 'access.key' and 'secret.key' "
                    + "(or set 'create.bucket')");
            default -> { }
        }
    }

    /** Opens the device (counts used bytes) unless it is open; {@code what} names the operation for the message. */
    void ensureOpen(String what) throws IOException {
        open(what, true);
    }

    private void open(String what, boolean patient) throws IOException {
        if (opened) {
            return;
        }
        synchronized (this) {
            if (opened) {
                return;
            }
            try {
                space.reset(remote.usedBytes(patient));
            } catch (S3CallException e) {
                throw new DeviceException(id(), what + " is not possible: the device cannot list bucket '"
                        + settings.bucket() + "' at " + settings.endpointName() + ": " + e.getMessage()
                        + (offline != null ? "; " + offline : ""), e);
            }
            opened = true;
            offline = null;
            LOG.info("Device '{}' opened at {} bucket '{}' prefix '{}': {} bytes in blobs", id(),
                    settings.endpointName(), settings.bucket(), settings.prefix(), space.used());
        }
    }

    DeviceStatus current() {
        recheckIfDue();
        int inFlight = load.inFlight();
        double rate = traffic.bytesPerSecond();
        String down = offline;
        if (!opened || down != null) {
            return new DeviceStatus(DeviceState.OFFLINE, down == null ? "not opened yet" : down, rate, inFlight,
                    space.used(), 0);
        }
        Optional<String> busy = load.busyReason();
        if (busy.isEmpty() && clock.instant().isBefore(throttledUntil)) {
            busy = Optional.of(throttleReason + " (until " + throttledUntil + ")");
        }
        return new DeviceStatus(busy.isPresent() ? DeviceState.BUSY : DeviceState.IDLE, busy.orElse(""), rate,
                inFlight, space.used(), space.free());
    }

    long failures() {
        return failures.get();
    }

    long throttled() {
        return throttled.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    private void recheckIfDue() {
        Instant now = clock.instant();
        if ((opened && offline == null) || now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(RECHECK);
        try {
            if (opened) {
                remote.ping();
                offline = null;
            } else {
                open("opening", false);
            }
        } catch (IOException e) {
            if (offline == null || offline.equals("S3 not contacted yet")) {
                goOffline(e.getMessage());
            }
        }
    }

    private void goOffline(String reason) {
        if (!reason.equals(offline)) { // status is polled: log each new problem once
            LOG.warn("Device '{}' is offline: {}", id(), reason);
        }
        offline = reason;
    }

    private String id() {
        return settings.descriptor().id();
    }
}
