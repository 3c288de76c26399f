package org.stowage.staging.internal.service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.staging.internal.store.StagingStore;

/**
 * One round of watching the devices (every {@code poll.seconds}): reads each known device's status, feeds its busy
 * history, starts a drain (on {@code drains}) of every IDLE device that has blobs staged and is neither paused nor
 * draining (a BUSY to IDLE transition is the usual case; a device found IDLE with blobs left, after a restart or a
 * put that raced the end of a drain, is drained too), then re-sizes staging. Never throws: a failure is logged and
 * the next round runs. Rounds must not overlap (one scheduler thread runs them).
 */
final class StatusPoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);

    private final DeviceRegistry registry;
    private final StagingStore store;
    private final Predicate<String> paused;
    private final DrainTask drain;
    private final Executor drains;
    private final Resizer resizer;
    private final Clock clock;

    /** Runs one drain and logs its outcome; the poller hands it to {@code drains}. */
    interface DrainTask {
        void drain(String deviceId);
    }

    StatusPoller(DeviceRegistry registry, StagingStore store, Predicate<String> paused, DrainTask drain,
                 Executor drains, Resizer resizer, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.paused = paused;
        this.drain = drain;
        this.drains = drains;
        this.resizer = resizer;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            for (DeviceRecord record : registry.records()) {
                poll(record, now);
            }
            resizer.resize();
        } catch (Exception e) {
            LOG.error("Staging status poll failed; staged blobs stay staged and the next poll tries again", e);
        }
    }

    private void poll(DeviceRecord record, Instant now) {
        Device device = record.device();
        if (device == null) {
            return;
        }
        DeviceStatus status;
        try {
            status = device.status();
        } catch (RuntimeException e) {
            LOG.warn("Staging: status of device '{}' failed; taken as OFFLINE until it answers", record.id, e);
            status = new DeviceStatus(DeviceState.OFFLINE, "status failed: " + e.getMessage(), 0, 0, 0, -1);
        }
        DeviceState previous = record.observe(status, now);
        if (previous == DeviceState.BUSY && status.state() == DeviceState.IDLE) {
            LOG.debug("Device '{}' turned IDLE", record.id);
        }
        if (status.state() == DeviceState.IDLE && !paused.test(record.id) && !record.draining.get()
                && store.usage(record.id).items() > 0) {
            try {
                drains.execute(() -> drain.drain(record.id));
            } catch (RejectedExecutionException e) {
                LOG.debug("Staging is stopping; no drain of device '{}' started", record.id);
            }
        }
    }
}
