package org.stowage.device.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.api.device.ProbeResult;

/**
 * One tape device per factory configuration of PID {@value #PID} (e.g. {@code etc/org.stowage.device.tape-vault.cfg}),
 * registered as {@link Device}, {@link BusyControl}, {@link DeviceDetails} and {@link PositionedDevice} on one
 * service object. Keys: see {@link TapeDeviceConfig} and {@code docs/drivers.md} ("Tape family"). Deactivation
 * (configuration deleted, bundle stopped or updated) appends the loaded cartridge's pending catalog and unloads it;
 * the cartridges are the only durable state, so nothing is lost.
 */
@Component(service = {Device.class, BusyControl.class, DeviceDetails.class, PositionedDevice.class},
        configurationPid = TapeDeviceComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {Device.PROP_FAMILY + "=" + TapeSettings.FAMILY, Device.PROP_KIND + "=TAPE",
                Device.PROP_ACCESS + "=SEQUENTIAL"})
@Designate(ocd = TapeDeviceConfig.class, factory = true)
public class TapeDeviceComponent implements Device, BusyControl, DeviceDetails, PositionedDevice {

    static final String PID = "org.stowage.device.tape";

    private static final Logger LOG = LoggerFactory.getLogger(TapeDeviceComponent.class);

    private final TapeDevice device;

    /** Validates the configuration and opens the device; a missing medium leaves it OFFLINE, not failed. */
    @Activate
    public TapeDeviceComponent(TapeDeviceConfig config, Map<String, Object> properties) {
        TapeSettings settings = TapeSettings.validate(configName(properties), config);
        if (settings.create() && !settings.ltfs()) {
            createLibrary(settings);
        }
        this.device = new TapeDevice(settings.descriptor(), settings.medium(), settings.timing(),
                settings.catalogEvery(), settings.busyWindows(), Clock.systemUTC(), Motion.REAL);
        LOG.info("Tape device '{}' ({}) at {}: {} slots of {} bytes, timing {}", settings.descriptor().id(),
                settings.ltfs() ? "ltfs" : "virtual", settings.path(), settings.ltfs() ? 1 : settings.slots(),
                settings.cartridgeCapacity(), settings.timing());
    }

    private static void createLibrary(TapeSettings settings) {
        try {
            Files.createDirectories(settings.path());
        } catch (IOException e) {
            LOG.error("Tape device '{}': cannot create its library folder {} (key 'create' is set): {}; the device "
                    + "stays offline until the folder exists", settings.descriptor().id(), settings.path(), e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        try {
            device.endSession();
        } catch (IOException e) {
            LOG.error("Tape device '{}': ending the session (catalog, unload) failed: {}; the cartridges stay "
                    + "readable, the next start rebuilds the catalog from their tape files",
                    device.descriptor().id(), e.toString(), e);
        }
    }

    /** The {@code .cfg} file's base name when it came from {@code etc/}, else the PID. */
    static String configName(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String name = Path.of(file.toString().replaceFirst("^file:", "")).getFileName().toString();
            return name.endsWith(".cfg") ? name.substring(0, name.length() - 4) : name;
        }
        Object pid = properties.get("service.pid");
        return pid != null ? pid.toString() : PID;
    }

    @Override
    public void setBusy(String reason, Instant until) {
        device.setBusy(reason, until);
    }

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

    @Override
    public Optional<MediaPosition> position(BlobName name) {
        return device.position(name);
    }

    @Override
    public List<Section> details() {
        return device.details();
    }
}
