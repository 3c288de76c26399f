package org.stowage.device.tape.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.api.device.support.ConfigKeys;
import org.stowage.api.device.support.ForwardingDevice;

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
public class TapeDeviceComponent extends ForwardingDevice<TapeDevice> implements PositionedDevice {

    static final String PID = "org.stowage.device.tape";

    private static final Logger LOG = LoggerFactory.getLogger(TapeDeviceComponent.class);

    private final TapeDevice device;

    /** Validates the configuration and opens the device; a missing medium leaves it OFFLINE, not failed. */
    @Activate
    public TapeDeviceComponent(TapeDeviceConfig config, Map<String, Object> properties) {
        TapeSettings settings = TapeSettings.validate(ConfigKeys.configName(properties, PID), config);
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

    @Override
    protected TapeDevice delegate() {
        return device;
    }

    /** Only this family's component is a {@link PositionedDevice}: the engine orders restores by it. */
    @Override
    public Optional<MediaPosition> position(BlobName name) {
        return device.position(name);
    }
}
