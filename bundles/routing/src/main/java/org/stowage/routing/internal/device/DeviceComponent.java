package org.stowage.routing.internal.device;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.placement.DeviceSpeeds;

/**
 * The {@code stowage-device} component: one endpoint per storage device, so that every device is a named stage
 * of the routes ({@code stowage-device:local}) that a recipient list, the probe route and later the staging and
 * drain routes address by URI. Endpoints are created once per URI and cached by Camel; the device itself is looked
 * up in the {@link DeviceRegistry} at each call, so an endpoint outlives its device's service going and coming back.
 */
@org.apache.camel.spi.annotations.Component(DeviceConstants.SCHEME)
public final class DeviceComponent extends DefaultComponent {

    private final DeviceRegistry devices;
    private final DeviceSpeeds speeds;

    public DeviceComponent(DeviceRegistry devices, DeviceSpeeds speeds) {
        this.devices = devices;
        this.speeds = speeds;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DeviceDescriptor.checkId(remaining);
        DeviceEndpointConfiguration configuration = new DeviceEndpointConfiguration();
        configuration.setDeviceId(remaining);
        DeviceEndpoint endpoint = new DeviceEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        if (configuration.getProbeSize() < 1) {
            throw new IllegalArgumentException(uri + ": probeSize must be at least 1: " + configuration.getProbeSize());
        }
        return endpoint;
    }

    DeviceRegistry devices() {
        return devices;
    }

    DeviceSpeeds speeds() {
        return speeds;
    }
}
