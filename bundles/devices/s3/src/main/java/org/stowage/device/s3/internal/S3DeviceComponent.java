package org.stowage.device.s3.internal;

import java.util.Map;

import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * One S3 device per factory configuration of PID {@value #PID} (e.g. {@code etc/org.stowage.device.s3-offsite.cfg}),
 * registered as {@link Device}, {@link BusyControl} and {@link DeviceDetails} on one service object. Each device
 * owns a CamelContext (camel-core-osgi's {@link OsgiDefaultCamelContext}, which finds the aws2-s3 component in its
 * bundle) whose aws2-s3 endpoints are created on first use: activation never contacts S3, and a device whose
 * endpoint is down registers and reports OFFLINE with the reason until it answers.
 *
 * <p>The component registers that service itself, with {@link PublishedProperties} (its properties without the
 * secret key), instead of declaring it to DS: DS would publish {@code secret.key} from the configuration. It is
 * therefore an immediate component; the service is registered at the end of activation and unregistered first on
 * deactivation, before the device closes.
 *
 * <p>Keys: see {@link S3DeviceConfig}. Example:
 * <pre>
 * device.id = offsite
 * bucket = backups
 * prefix = stowage/host1
 * endpoint = http://minio.lan:9000
 * path.style = true
 * access.key = stowage
 * secret.key.file = /opt/stowage/etc/stowage/offsite.secret
 * </pre>
 */
@Component(service = {}, configurationPid = S3DeviceComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {Device.PROP_FAMILY + "=" + S3Settings.FAMILY, Device.PROP_KIND + "=OBJECT",
                Device.PROP_ACCESS + "=RANDOM"})
@Designate(ocd = S3DeviceConfig.class, factory = true)
public class S3DeviceComponent {

    static final String PID = "org.stowage.device.s3";

    private static final Logger LOG = LoggerFactory.getLogger(S3DeviceComponent.class);
    private static final String[] SERVICES = {Device.class.getName(), BusyControl.class.getName(),
            DeviceDetails.class.getName()};

    private final S3Device device;
    private final ServiceRegistration<?> registration;

    /**
     * Validates the configuration, creates the device (without contacting S3) and registers it.
     *
     * @throws IllegalArgumentException naming the configuration and the key, when the configuration is invalid
     */
    @Activate
    public S3DeviceComponent(BundleContext bundleContext, S3DeviceConfig config, Map<String, Object> properties) {
        S3Settings settings = S3Settings.validate(ConfigKeys.configName(properties, PID), config);
        OsgiDefaultCamelContext camel = new OsgiDefaultCamelContext(bundleContext);
        camel.getCamelContextExtension().setName("stowage-s3-" + settings.descriptor().id());
        this.device = new S3Device(settings, camel);
        try {
            this.registration = bundleContext.registerService(SERVICES, new Service(device),
                    PublishedProperties.of(properties));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("S3 device '{}': {}", settings.descriptor().id(), settings);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } finally {
            close();
        }
    }

    private void close() {
        try {
            device.close();
        } catch (Exception e) {
            LOG.warn("S3 device '{}': closing its CamelContext and connections failed: {}",
                    device.descriptor().id(), e.toString(), e);
        }
    }

    /** The registered service object: the device's public interfaces only (not its {@code close()}). */
    private static final class Service extends ForwardingDevice<S3Device> {

        private final S3Device device;

        Service(S3Device device) {
            this.device = device;
        }

        @Override
        protected S3Device delegate() {
            return device;
        }
    }
}
