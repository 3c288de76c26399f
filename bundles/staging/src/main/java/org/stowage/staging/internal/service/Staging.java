package org.stowage.staging.internal.service;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.PositionedDevice;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.StagingReport;
import org.stowage.api.staging.StagingService;
import org.stowage.staging.internal.sizing.StagingSizer;
import org.stowage.staging.internal.store.StagingStore;

/**
 * The {@link StagingService} in plain Java, on an open {@link StagingStore}: views, drains, pause, report, and the
 * status poll that drives drains and sizing. The DS component only opens the store, schedules {@link #poller} and
 * closes; tests use this class directly. Thread-safe, as the service contract says. Does not own the store.
 */
public final class Staging implements StagingService {

    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);
    /** File in the staging directory naming the paused devices. */
    static final String PAUSED_FILE = "paused-drains";

    private final StagingStore store;
    private final boolean enabled;
    private final NameLocks locks = new NameLocks();
    private final DeviceRegistry registry = new DeviceRegistry();
    private final PausedDevices paused;
    private final Drainer drainer;
    private final Resizer resizer;
    private final Clock clock;

    /**
     * @param enabled false: nothing new is staged, but what is staged is still served and drained
     * @throws IOException if the paused-devices file cannot be read
     */
    public Staging(StagingStore store, StagingSizer sizer, boolean enabled, Clock clock) throws IOException {
        this.store = store;
        this.enabled = enabled;
        this.clock = clock;
        this.paused = PausedDevices.load(store.directory().resolve(PAUSED_FILE));
        this.drainer = new Drainer(store, locks, paused::isPaused);
        this.resizer = new Resizer(store, sizer, registry, clock);
    }

    @Override
    public Device staged(Device device) {
        DeviceRecord record = registry.attach(device);
        return device instanceof PositionedDevice
                ? new PositionedStagedDevice(device, record, store, locks, () -> enabled)
                : new StagedDevice(device, record, store, locks, () -> enabled);
    }

    /**
     * A device service appeared (or its properties changed): blobs staged for it drain to it.
     *
     * @param driverBytes the staging room its driver asks for ({@code device.staging.size}), 0 if none
     */
    public void deviceAdded(Device device, long driverBytes) {
        registry.attach(device).driverBytes(driverBytes);
    }

    /** A device service went away: its blobs stay staged until it returns. */
    public void deviceRemoved(Device device) {
        registry.detach(device);
    }

    @Override
    public DrainResult drain(String deviceId) throws IOException {
        DeviceRecord record = registry.find(deviceId).orElse(null);
        if (record == null) {
            if (store.usage(deviceId).items() == 0) {
                throw new IllegalArgumentException("staging knows no device '" + deviceId + "' and holds nothing "
                        + "for it; list the devices with stowage:staging");
            }
            record = registry.record(deviceId);
        }
        return drainer.drain(record);
    }

    @Override
    public void pause(String deviceId) throws IOException {
        if (paused.set(deviceId, true)) {
            LOG.info("Drains of device '{}' paused by the operator; puts for it are still staged", deviceId);
        }
    }

    @Override
    public void resume(String deviceId) throws IOException {
        if (paused.set(deviceId, false)) {
            LOG.info("Drains of device '{}' resumed; the next status poll drains it when it is IDLE", deviceId);
        }
    }

    @Override
    public StagingReport report() {
        return new Reports(store, registry, paused::isPaused, resizer.last(), enabled).report();
    }

    /**
     * The status poll, to run every {@code poll.seconds} on one thread; it starts automatic drains on
     * {@code drains} (one task per device to drain).
     */
    public Runnable poller(Executor drains) {
        return new StatusPoller(registry, store, paused::isPaused, this::drainLogged, drains, resizer, clock);
    }

    /** Re-sizes staging now (the poller does it every round). */
    public void resize() throws IOException {
        resizer.resize();
    }

    private void drainLogged(String deviceId) {
        try {
            DrainResult result = drain(deviceId);
            if (result.end() == DrainResult.End.FAILED) {
                LOG.warn("Automatic drain of device '{}' failed: {}; it is tried again at the next poll while the "
                        + "device is IDLE", deviceId, result.detail());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Automatic drain of device '{}' failed; its blobs stay staged and the next poll tries again",
                    deviceId, e);
        }
    }

    /** Names locked now; for tests. */
    int lockedNames() {
        return locks.inUse();
    }
}
