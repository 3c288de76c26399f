package org.stowage.routing.internal;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.staging.StagingService;
import org.stowage.api.volume.VolumeService;
import org.stowage.routing.internal.component.StowageComponent;
import org.stowage.routing.internal.component.StowageConstants;
import org.stowage.routing.internal.component.StowageEvents;
import org.stowage.routing.internal.component.StowageServices;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.integration.RouteFiles;
import org.stowage.routing.internal.integration.RouteFilesRouteBuilder;
import org.stowage.routing.internal.integration.RouteGroups;
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
 * Everything Stowage runs on its one CamelContext, wired and started: the {@code stowage} and {@code stowage-device}
 * components, the
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
    private final RouteGroups integrations;
    private final RouteFiles files;

    private StowageRoutes(CamelContext camel, ProducerTemplate template, JobScheduler jobs, RoutePlacement placement,
                          RouteGroups integrations, RouteFiles files) {
        this.camel = camel;
        this.template = template;
        this.jobs = jobs;
        this.placement = placement;
        this.integrations = integrations;
        this.files = files;
    }

    /**
     * What the routes work with: the tracked devices and selectors, the engine's services, and the installation's
     * {@link StowageEvents} (the stowage: component's, which the job, status and drain routes publish to).
     */
    record Parts(DeviceRegistry devices, SelectorRegistry selectors, DeviceSpeeds speeds,
                 Consumer<DeviceStateChange> events, BackupService backup, RestoreService restore,
                 SnapshotService snapshots, CheckService check, RetentionService retention, CopyService copy,
                 Supplier<Optional<StagingService>> staging, StowageEvents stowageEvents, Clock clock,
                 Supplier<Optional<VolumeService>> volumes) {
    }

    /** Adds every route to {@code camel} and starts it; closes it again when that fails. */
    static StowageRoutes start(CamelContext camel, RoutingSettings settings, Parts parts) throws Exception {
        try {
            // A backup in flight can take hours; on shutdown Camel waits this long for it, then stops the routes
            // anyway (the backup thread itself runs on until the engine returns).
            camel.getShutdownStrategy().setTimeout(JobScheduler.STOP_TIMEOUT_SECONDS);
            settings.camelJmx().applyTo(camel);
            camel.addComponent(DeviceConstants.SCHEME, new DeviceComponent(parts.devices(), parts.speeds()));
            // the job scheduler exists only once the context has started; the component asks for it per message
            AtomicReference<JobService> jobs = new AtomicReference<>();
            StowageServices services = new StowageServices(parts.backup(), parts.restore(), parts.snapshots(),
                    parts.check(), parts.retention(), () -> Objects.requireNonNull(jobs.get(),
                    "the job scheduler has not started yet"), parts.stowageEvents());
            camel.addComponent(StowageConstants.SCHEME, new StowageComponent(services));
            camel.addRoutes(new PlacementRouteBuilder(parts.devices(), parts.selectors(), parts.speeds()));
            Consumer<DeviceStateChange> changes = parts.events().andThen(parts.stowageEvents()::device);
            camel.addRoutes(new DeviceStatusRouteBuilder(new DeviceStatusPoller(parts.devices(), parts.clock()),
                    settings.statusIntervalMillis(), changes));
            camel.addRoutes(new DrainRouteBuilder(parts.staging(), parts.stowageEvents()));
            if (settings.probesEnabled()) {
                camel.addRoutes(new ProbeRouteBuilder(parts.devices(), settings.probeIntervalMillis(),
                        settings.probeDelayMillis(), settings.probeSize()));
            } else {
                LOG.info("Device probes are off (probe.interval = 0)");
            }
            JobRegistry registry = new JobRegistry(parts.clock());
            camel.addRoutes(new BackupRouteBuilder(registry, parts.backup(), parts.retention(), parts.copy(),
                    parts.stowageEvents(), parts.volumes()));
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            JobScheduler scheduler = new JobScheduler(camel, template, registry);
            jobs.set(scheduler);
            RouteGroups integrations = new RouteGroups(camel);
            RouteFiles files = settings.routeFilesEnabled() ? routeFiles(camel, integrations, settings) : null;
            return new StowageRoutes(camel, template, scheduler, new RoutePlacement(camel, template), integrations,
                    files);
        } catch (Exception | Error e) {
            close(camel);
            throw e;
        }
    }

    /** Watches the route folder from a timer route; the folder is created if missing. */
    private static RouteFiles routeFiles(CamelContext camel, RouteGroups groups, RoutingSettings settings)
            throws Exception {
        Files.createDirectories(settings.routesFolder());
        RouteFiles files = new RouteFiles(camel, groups, settings.routesFolder());
        camel.addRoutes(new RouteFilesRouteBuilder(files, settings.routesIntervalMillis()));
        LOG.info("Route files: *.yaml, *.yml and *.xml in {} run on Stowage's CamelContext (scanned every {} ms)",
                settings.routesFolder(), settings.routesIntervalMillis());
        return files;
    }

    /** The routes of integrators' RoutesBuilder services and route files. */
    RouteGroups integrations() {
        return integrations;
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
        if (files != null) {
            files.close();
        }
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
