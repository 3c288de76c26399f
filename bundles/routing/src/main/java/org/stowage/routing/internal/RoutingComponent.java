package org.stowage.routing.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.support.ConfigKeys;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.staging.StagingService;
import org.stowage.api.volume.VolumeService;
import org.stowage.api.staging.support.StagingViews;
import org.stowage.routing.internal.component.StowageComponent;
import org.stowage.routing.internal.component.StowageConstants;
import org.stowage.routing.internal.component.StowageEvents;
import org.stowage.routing.internal.component.StowageServices;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.SelectorRegistry;
import org.stowage.routing.internal.status.EventAdminPublisher;

/**
 * Owns Stowage's CamelContext ({@link StowageRoutes}): starts it when the engine's facades and speed services
 * exist, offers the placement routes as the {@link PackPlacement} the engine writes packs through, tracks
 * every {@link Device} and {@link NodeSelector} service (whiteboard) for them, schedules every {@link JobDefinition}
 * service, posts device state changes to EventAdmin while there is one, runs integrators' {@link RoutesBuilder}
 * services (whiteboard) and route files, offers the stowage: component to other CamelContexts as a
 * {@link ComponentResolver} service, and stops everything on deactivation.
 * Immediate, because the schedules and the status poller must run even when nobody asks for a service.
 * Configuration {@value #PID} is optional; a changed one restarts the routes.
 */
@Component(service = {JobService.class, PackPlacement.class}, immediate = true, configurationPid = RoutingComponent.PID)
@Designate(ocd = RoutingConfig.class)
public class RoutingComponent implements JobService, PackPlacement {

    static final String PID = "org.stowage.routing";
    private static final Logger LOG = LoggerFactory.getLogger(RoutingComponent.class);

    private final DeviceRegistry devices = new DeviceRegistry();
    private final StagingViews staged = new StagingViews(devices);
    private volatile StagingService staging;
    private volatile VolumeService volumes;
    private final SelectorRegistry selectors = new SelectorRegistry();
    private final EventAdminPublisher events = new EventAdminPublisher();
    private final StowageEvents stowageEvents = new StowageEvents(Clock.systemDefaultZone());
    private final StowageRoutes routes;
    private final ServiceRegistration<ComponentResolver> resolver;

    @Activate
    public RoutingComponent(BundleContext bundleContext, RoutingConfig config, Map<String, Object> properties,
                            @Reference BackupService backup, @Reference RestoreService restore,
                            @Reference SnapshotService snapshots, @Reference CheckService check,
                            @Reference RetentionService retention, @Reference CopyService copy,
                            @Reference DeviceSpeeds speeds) throws Exception {
        RoutingSettings settings = RoutingSettings.from(ConfigKeys.configName(properties, PID), config);
        // Created here, not injected: this component is the CamelContext's only owner.
        routes = StowageRoutes.start(new OsgiDefaultCamelContext(bundleContext), settings,
                new StowageRoutes.Parts(devices, selectors, speeds, events, backup, restore, snapshots, check,
                        retention, copy, () -> Optional.ofNullable(staging), stowageEvents,
                        Clock.systemDefaultZone(), () -> Optional.ofNullable(volumes)));
        // Integrators' own CamelContexts (camel-core-osgi's resolver looks up ComponentResolver services by their
        // "component" property) get a stowage: component of their own over the same services and events.
        StowageServices services = new StowageServices(backup, restore, snapshots, check, retention, () -> this,
                stowageEvents);
        resolver = bundleContext.registerService(ComponentResolver.class,
                (name, camel) -> new StowageComponent(services),
                FrameworkUtil.asDictionary(Map.of("component", StowageConstants.SCHEME)));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDevice(Device device, Map<String, Object> properties) {
        staged.deviceAdded(device, properties);
    }

    void unbindDevice(Device device) {
        staged.deviceRemoved(device);
    }

    /**
     * The staging service, when stowage-staging is installed: the placement routes write packs to its views of the
     * devices (as the engine does without the routes), and the drain route drains a device that turned idle.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStaging(StagingService service) {
        staging = service;
        staged.stagingAdded(service);
    }

    void unbindStaging(StagingService service) {
        staged.stagingRemoved(service);
        if (staging == service) {
            staging = null;
        }
    }

    /** The volumes, for jobs with a {@code volume} key (the engine registers the service with the repository). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVolumes(VolumeService service) {
        volumes = service;
    }

    void unbindVolumes(VolumeService service) {
        if (volumes == service) {
            volumes = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSelector(NodeSelector selector, Map<String, Object> properties) {
        selectors.add(selector, properties);
    }

    void unbindSelector(NodeSelector selector) {
        selectors.remove(selector);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin eventAdmin) {
        events.set(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        events.unset(eventAdmin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeJob")
    void addJob(JobDefinition job) {
        routes.jobs().add(job);
    }

    void removeJob(JobDefinition job) {
        routes.jobs().remove(job);
    }

    /**
     * An integrator's {@link RoutesBuilder} service (whiteboard): its routes run on Stowage's CamelContext, with the
     * stowage: component, until the service goes. A service with {@code stowage.routes=false} is left alone (for one
     * meant for the integrator's own CamelContext).
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(!(stowage.routes=false))")
    void bindRoutesBuilder(RoutesBuilder builder, Map<String, Object> properties) {
        String source = describe(properties);
        try {
            LOG.info("Routes {} of {} started", routes.integrations().add(builder, builder), source);
        } catch (Exception e) {
            LOG.error("The routes of {} could not be added to Stowage's CamelContext: {}; none of them runs. Fix the "
                    + "builder and update the bundle", source, e.getMessage(), e);
        }
    }

    void unbindRoutesBuilder(RoutesBuilder builder, Map<String, Object> properties) {
        List<String> ids = routes.integrations().routes(builder);
        if (routes.integrations().remove(builder)) {
            LOG.info("Routes {} of {} stopped and removed: the service went away", ids, describe(properties));
        }
    }

    /** "RoutesBuilder service 212 of bundle 97" for log lines ({@code bundle:list} shows the bundle's id). */
    private static String describe(Map<String, Object> properties) {
        Object bundle = properties.get("service.bundleid");
        return "RoutesBuilder service " + properties.get("service.id") + (bundle == null ? "" : " of bundle " + bundle);
    }

    @Deactivate
    void deactivate() {
        resolver.unregister();
        routes.close();
    }

    @Override
    public List<String> place(PlacementRequest request, ByteBuffer pack) throws IOException {
        return routes.placement().place(request, pack);
    }

    @Override
    public List<JobInfo> jobs() {
        return routes.jobs().jobs();
    }

    @Override
    public SnapshotInfo run(String name) {
        return routes.jobs().run(name);
    }

    @Override
    public SnapshotInfo run(String name, ProgressListener listener) {
        return routes.jobs().run(name, listener);
    }
}
