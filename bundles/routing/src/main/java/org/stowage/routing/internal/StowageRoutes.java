package org.stowage.routing.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.staging.StagingService;
import org.stowage.api.volume.VolumeService;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.PlacementRouteBuilder;
import org.stowage.routing.internal.placement.RoutePlacement;
import org.stowage.routing.internal.placement.SelectorRegistry;
import org.stowage.routing.internal.status.DeviceStateChange;
import org.stowage.routing.internal.status.DeviceStatusPoller;
import org.stowage.routing.internal.status.DeviceStatusRouteBuilder;
import org.stowage.routing.internal.status.DrainRouteBuilder;
import org.stowage.routing.internal.status.ProbeRouteBuilder;

/**
 * Everything Stowage runs on its one CamelContext, wired and started: the {@code stowage-device} component, the
 * placement routes, the device status, drain and probe routes and the job routes, with the one {@link ProducerTemplate}
 * that the placement and manual job runs share. Free of OSGi, so that the whole set is tested on a plain
 * CamelContext; {@link RoutingComponent} hands it the services. {@link #close()} stops it all.
 */
final class StowageRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StowageRoutes.class);

    private final CamelContext camel;
    private final ProducerTemplate template;
    private final JobScheduler jobs;
    private final RoutePlacement placement;

    private StowageRoutes(CamelContext camel, ProducerTemplate template, JobScheduler jobs, RoutePlacement placement) {
        this.camel = camel;
        this.template = template;
        this.jobs = jobs;
        this.placement = placement;
    }

    /** What the routes work with: the tracked devices and selectors, and the engine's services. */
    record Parts(DeviceRegistry devices, SelectorRegistry selectors, DeviceSpeeds speeds,
                 Consumer<DeviceStateChange> events, BackupService backup, RetentionService retention,
                 CopyService copy, Supplier<Optional<StagingService>> staging, Clock clock,
                 Supplier<Optional<VolumeService>> volumes) {
    }

    /** Adds every route to {@code camel} and starts it; closes it again when that fails. */
    static StowageRoutes start(CamelContext camel, RoutingSettings settings, Parts parts) throws Exception {
        try {
            // A backup in flight can take hours; on shutdown Camel waits this long for it, then stops the routes
            // anyway (the backup thread itself runs on until the engine returns).
            camel.getShutdownStrategy().setTimeout(JobScheduler.STOP_TIMEOUT_SECONDS);
            camel.addComponent(DeviceConstants.SCHEME, new DeviceComponent(parts.devices(), parts.speeds()));
            camel.addRoutes(new PlacementRouteBuilder(parts.devices(), parts.selectors(), parts.speeds()));
            camel.addRoutes(new DeviceStatusRouteBuilder(new DeviceStatusPoller(parts.devices(), parts.clock()),
                    settings.statusIntervalMillis(), parts.events()));
            camel.addRoutes(new DrainRouteBuilder(parts.staging()));
            if (settings.probesEnabled()) {
                camel.addRoutes(new ProbeRouteBuilder(parts.devices(), settings.probeIntervalMillis(),
                        settings.probeDelayMillis(), settings.probeSize()));
            } else {
                LOG.info("Device probes are off (probe.interval = 0)");
            }
            JobRegistry registry = new JobRegistry(parts.clock());
            camel.addRoutes(new BackupRouteBuilder(registry, parts.backup(), parts.retention(), parts.copy(),
                    parts.volumes()));
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            return new StowageRoutes(camel, template, new JobScheduler(camel, template, registry),
                    new RoutePlacement(camel, template));
        } catch (Exception | Error e) {
            close(camel);
            throw e;
        }
    }

    JobScheduler jobs() {
        return jobs;
    }

    RoutePlacement placement() {
        return placement;
    }

    @Override
    public void close() {
        jobs.close();
        template.stop();
        close(camel);
    }

    private static void close(CamelContext camel) {
        try {
            camel.close(); // stops the routes, their timers and Quartz triggers, and the device writer threads
        } catch (Exception e) {
            LOG.error("Stopping the Stowage CamelContext failed: {}", e.getMessage(), e);
        }
    }
}
