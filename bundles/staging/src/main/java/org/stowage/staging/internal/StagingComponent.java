package org.stowage.staging.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.support.ConfigKeys;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.StagingReport;
import org.stowage.api.staging.StagingService;
import org.stowage.staging.internal.service.Staging;
import org.stowage.staging.internal.sizing.SizingPolicy;
import org.stowage.staging.internal.sizing.StagingSizer;
import org.stowage.staging.internal.store.StagingStore;
import org.stowage.staging.internal.store.StoreOptions;

/**
 * The {@link StagingService} (PID {@value #PID}, configuration optional): opens the staging store, tracks every
 * {@link Device} service (so that blobs staged before a restart drain even before the engine asks for a view),
 * polls their statuses every {@code poll.seconds} to drain IDLE devices and re-size staging, and closes it all on
 * deactivation. The work itself is {@link Staging}'s.
 */
@Component(service = StagingService.class, configurationPid = StagingComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = StagingConfig.class)
public final class StagingComponent implements StagingService {

    static final String PID = "org.stowage.staging";
    /** Drains of different devices that may run at once (a drain of one device is one thread). */
    static final int PARALLEL_DRAINS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(StagingComponent.class);

    private final StagingStore store;
    private final Staging staging;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(named("poll"));
    private final ExecutorService drains = Executors.newFixedThreadPool(PARALLEL_DRAINS, named("drain"));

    /**
     * @throws IllegalArgumentException naming the PID and the key, when the configuration is invalid
     * @throws IOException              if the staging directory cannot be opened (the message says why)
     */
    @Activate
    public StagingComponent(StagingConfig config, Map<String, Object> properties) throws IOException {
        StagingSettings settings = StagingSettings.validate(ConfigKeys.configName(properties, PID), config,
                System.getProperty("karaf.data"));
        this.store = StagingStore.open(settings.path(), StoreOptions.withCapacity(settings.minBytes())
                .withStageTimeout(settings.stageWait()));
        try {
            this.staging = new Staging(store, new StagingSizer(SizingPolicy.between(settings.minBytes(),
                    settings.maxBytes())), settings.enabled(), Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        long seconds = settings.poll().toSeconds();
        poller.scheduleWithFixedDelay(staging.poller(drains), seconds, seconds, TimeUnit.SECONDS);
        LOG.info("Staging at {}: limit between {} and {} bytes, polls every {} s, {}", settings.path(),
                settings.minBytes(), settings.maxBytes(), seconds, settings.enabled() ? "enabled"
                        : "disabled (nothing new is staged; staged blobs still drain)");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDevice(Device device, Map<String, Object> properties) {
        staging.deviceAdded(device, driverBytes(properties));
    }

    void updatedDevice(Device device, Map<String, Object> properties) {
        staging.deviceAdded(device, driverBytes(properties));
    }

    /** The device's {@code device.staging.size} (a Long by the api's contract; anything else counts as none). */
    private static long driverBytes(Map<String, Object> properties) {
        return properties.get(Device.PROP_STAGING_SIZE) instanceof Number n ? n.longValue() : 0;
    }

    void unbindDevice(Device device) {
        staging.deviceRemoved(device);
    }

    /**
     * Stops polling, interrupts running drains (each stops after the blob it is writing; a blob put but not yet
     * released drains again at the next start, which the device takes as a no-op) and closes the store.
     */
    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        poller.shutdownNow();
        drains.shutdownNow();
        if (!drains.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Staging: a drain did not stop within 30 s (a device put that does not answer interrupts); "
                    + "closing the store anyway, the blob it writes stays staged and drains again at the next start");
        }
        poller.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
        LOG.info("Staging at {} closed", store.directory());
    }

    @Override
    public Device staged(Device device) {
        return staging.staged(device);
    }

    @Override
    public DrainResult drain(String deviceId) throws IOException {
        return staging.drain(deviceId);
    }

    @Override
    public void pause(String deviceId) throws IOException {
        staging.pause(deviceId);
    }

    @Override
    public void resume(String deviceId) throws IOException {
        staging.resume(deviceId);
    }

    @Override
    public StagingReport report() {
        return staging.report();
    }

    private static ThreadFactory named(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "stowage-staging-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
