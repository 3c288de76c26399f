package org.stowage.device.disk.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.support.ConfigKeys;
import org.stowage.api.device.support.ForwardingDevice;

/**
 * One disk or flash device per factory configuration of PID {@value #PID} (e.g.
 * {@code etc/org.stowage.device.disk-local.cfg}), registered as a {@link Device} service. Adding a configuration
 * adds a device; deleting it removes the device.
 *
 * <p>Configuration keys (see {@link DiskDeviceConfig}); DS publishes them as service properties:
 * <ul>
 *   <li>{@code device.id} (required) — unique device id;</li>
 *   <li>{@code device.kind} — {@code DISK} (default) or {@code FLASH};</li>
 *   <li>{@code device.access} — {@code RANDOM} (the default and the only value allowed);</li>
 *   <li>{@code path} (required) — absolute path of the existing root folder;</li>
 *   <li>{@code capacity} — byte limit: {@code 0} (default, none), {@code 500m}, {@code 2g}, {@code 1t};</li>
 *   <li>{@code max.in.flight} — operations in flight above which the device reports BUSY; {@code 0} (default)
 *       means the kind's default: <b>2 for DISK</b> (a spinning disk loses throughput to seeks between more
 *       streams) and <b>8 for FLASH</b> (flash serves parallel requests without seeking);</li>
 *   <li>{@code busy.windows} — daily periods of BUSY in the local time zone, e.g. {@code 01:00-03:00,22:30-23:00};
 *       empty (default) for none.</li>
 *   <li>{@code staging.size}, {@code selector.weight} — see {@link DiskProfile}; published as the service
 *       properties {@code device.staging.size} (Long) and {@code device.selector.weight} (Integer).</li>
 * </ul>
 * DISK and FLASH differ in these defaults only. The service also carries {@code device.family=disk}, and defaults
 * for {@code device.kind} and {@code device.access} so that filters match when the keys are left out.
 */
@Component(service = {Device.class, BusyControl.class, DeviceDetails.class},
        configurationPid = DiskDeviceComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, // validate the configuration and publish the profile at once, not on first use
        property = {Device.PROP_FAMILY + "=" + DiskSettings.FAMILY, Device.PROP_KIND + "=DISK",
                Device.PROP_ACCESS + "=RANDOM"})
@Designate(ocd = DiskDeviceConfig.class, factory = true)
public class DiskDeviceComponent extends ForwardingDevice<DiskDevice> {

    static final String PID = "org.stowage.device.disk";

    private static final Logger LOG = LoggerFactory.getLogger(DiskDeviceComponent.class);

    private final DiskDevice device;
    private final DiskSettings settings;

    /**
     * Validates the configuration, opens the device and publishes its profile ({@code device.staging.size},
     * {@code device.selector.weight}) as service properties.
     *
     * @throws IllegalArgumentException naming the configuration and the key, when the configuration is invalid
     */
    @Activate
    public DiskDeviceComponent(DiskDeviceConfig config, Map<String, Object> properties, ComponentContext context) {
        this(config, properties);
        ProfileProperties.publish(context, settings.profile(), settings.descriptor().id());
    }

    DiskDeviceComponent(DiskDeviceConfig config, Map<String, Object> properties) {
        DiskSettings settings = DiskSettings.validate(ConfigKeys.configName(properties, PID), config);
        this.settings = settings;
        if (settings.createRoot()) {
            createRoot(settings);
        }
        this.device = new DiskDevice(settings.descriptor(), settings.root(), settings.maxInFlight(),
                settings.busyWindows());
        LOG.info("Disk device '{}' ({}) at {}: capacity {} bytes (0 = none), max.in.flight {}, busy windows {}, "
                + "staging.size {} bytes, selector.weight {}", settings.descriptor().id(),
                settings.descriptor().kind(), settings.root(), settings.descriptor().capacityBytes(),
                settings.maxInFlight(), settings.busyWindows(), settings.profile().stagingBytes(),
                settings.profile().selectorWeight());
    }

    /**
     * The driver bundle stops or the configuration was deleted or changed: DS has already unregistered the service;
     * whoever still holds this object gets "removed ... not recorded" from every call, and a put in flight is not
     * committed. The files stay; a new instance on the same folder (bundle started again, configuration re-added)
     * finds them.
     */
    @Deactivate
    void deactivate() {
        device.remove();
        LOG.info("Disk device '{}' removed; its files at {} stay", settings.descriptor().id(), settings.root());
    }

    @Override
    protected DiskDevice delegate() {
        return device;
    }

    /** Max in flight, staging size and selector weight, for {@code stowage:device <id>}. */
    @Override
    public List<Section> details() {
        return List.of(settings.profile().section(settings.maxInFlight()));
    }

    /** A root that cannot be created leaves the device OFFLINE; its status then says why. */
    private static void createRoot(DiskSettings settings) {
        try {
            Files.createDirectories(settings.root());
        } catch (IOException e) {
            LOG.error("Disk device '{}': cannot create its root folder {} (key 'create' is set): {}; the device "
                    + "stays offline until the folder exists", settings.descriptor().id(), settings.root(), e.toString());
        }
    }
}
