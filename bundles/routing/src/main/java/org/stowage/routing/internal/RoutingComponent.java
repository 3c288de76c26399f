package org.stowage.routing.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.stowage.api.device.Device;
import org.stowage.api.device.support.ConfigKeys;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.staging.StagingService;
import org.stowage.api.staging.support.StagingViews;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.SelectorRegistry;
import org.stowage.routing.internal.status.EventAdminPublisher;

/**
 * Owns Stowage's CamelContext ({@link StowageRoutes}): starts it when the engine's backup, retention and speed
 * services exist, offers the placement routes as the {@link PackPlacement} the engine writes packs through, tracks
 * every {@link Device} and {@link NodeSelector} service (whiteboard) for them, schedules every {@link JobDefinition}
 * service, posts device state changes to EventAdmin while there is one, and stops everything on deactivation.
 * Immediate, because the schedules and the status poller must run even when nobody asks for a service.
 * Configuration {@value #PID} is optional; a changed one restarts the routes.
 */
@Component(service = {JobService.class, PackPlacement.class}, immediate = true, configurationPid = RoutingComponent.PID)
@Designate(ocd = RoutingConfig.class)
public class RoutingComponent implements JobService, PackPlacement {

    static final String PID = "org.stowage.routing";

    private final DeviceRegistry devices = new DeviceRegistry();
    private final StagingViews staged = new StagingViews(devices);
    private volatile StagingService staging;
    private final SelectorRegistry selectors = new SelectorRegistry();
    private final EventAdminPublisher events = new EventAdminPublisher();
    private final StowageRoutes routes;

    @Activate
    public RoutingComponent(BundleContext bundleContext, RoutingConfig config, Map<String, Object> properties,
                            @Reference BackupService backup, @Reference RetentionService retention,
                            @Reference CopyService copy, @Reference DeviceSpeeds speeds) throws Exception {
        RoutingSettings settings = RoutingSettings.from(ConfigKeys.configName(properties, PID), config);
        // Created here, not injected: this component is the CamelContext's only owner.
        routes = StowageRoutes.start(new OsgiDefaultCamelContext(bundleContext), settings,
                new StowageRoutes.Parts(devices, selectors, speeds, events, backup, retention, copy,
                        () -> Optional.ofNullable(staging), Clock.systemDefaultZone()));
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

    @Deactivate
    void deactivate() {
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
