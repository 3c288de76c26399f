package org.stowage.routing.internal.device;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** One device's endpoint: producer only (devices do not originate messages; their state is polled). */
@UriEndpoint(firstVersion = "0.1.0", scheme = DeviceConstants.SCHEME, title = "Stowage device",
        syntax = "stowage-device:deviceId",
        producerOnly = true, category = Category.FILE, headersClass = DeviceConstants.class)
public final class DeviceEndpoint extends DefaultEndpoint {

    @UriParam
    private final DeviceEndpointConfiguration configuration;

    DeviceEndpoint(String uri, DeviceComponent component, DeviceEndpointConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        DeviceComponent component = (DeviceComponent) getComponent();
        return new DeviceProducer(this, component.devices(), component.speeds());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + ": a device endpoint only receives; "
                + "device state changes come from the stowage-device-status route");
    }

    public DeviceEndpointConfiguration getConfiguration() {
        return configuration;
    }

    /** Options are set through the configuration object; these delegate so that URI parameters bind. */
    public void setOperation(DeviceOperation operation) {
        configuration.setOperation(operation);
    }

    public void setProbeSize(int probeSize) {
        configuration.setProbeSize(probeSize);
    }

    public void setRecordSpeed(boolean recordSpeed) {
        configuration.setRecordSpeed(recordSpeed);
    }

    public String deviceId() {
        return configuration.getDeviceId();
    }
}
