package org.stowage.device.disk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

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
public class DiskDeviceComponent implements Device, BusyControl, DeviceDetails {

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
        DiskSettings settings = DiskSettings.validate(configName(properties), config);
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

    /**
     * How operators know the configuration: the {@code .cfg} file's base name when it came from {@code etc/}
     * (e.g. {@code org.stowage.device.disk-local}), else its PID.
     */
    static String configName(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String name = Path.of(file.toString().replaceFirst("^file:", "")).getFileName().toString();
            return name.endsWith(".cfg") ? name.substring(0, name.length() - 4) : name;
        }
        Object pid = properties.get("service.pid");
        return pid != null ? pid.toString() : PID;
    }

    /** Reports BUSY with {@code reason} until {@code until}; for a shell command. */
    @Override
    public void setBusy(String reason, Instant until) {
        device.setBusy(reason, until);
    }

    /** Ends an operator-set busy period. */
    @Override
    public void clearBusy() {
        device.clearBusy();
    }

    @Override
    public DeviceDescriptor descriptor() {
        return device.descriptor();
    }

    @Override
    public DeviceStatus status() {
        return device.status();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        device.put(name, content);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        return device.get(name, range);
    }

    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        device.get(name, range, out); // the driver's read into the caller's buffer, not the copying default
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        return device.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        device.list(type, visitor);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        device.delete(name);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return device.probe(bytes);
    }
}
