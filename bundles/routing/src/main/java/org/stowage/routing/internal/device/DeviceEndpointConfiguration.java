package org.stowage.routing.internal.device;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of a {@code stowage-device:<deviceId>[?operation=put|probe&probeSize=n&recordSpeed=b]} endpoint. */
@UriParams
public class DeviceEndpointConfiguration {

    @UriPath(label = "producer", description = "The device.id of the Device service to reach")
    @Metadata(required = true)
    private String deviceId;

    @UriParam(label = "producer", defaultValue = "put", description = "put: store the body durably; probe: move "
            + "test data the device does not keep")
    private DeviceOperation operation = DeviceOperation.PUT;

    @UriParam(label = "producer", defaultValue = "4194304", description = "Bytes of test data per probe")
    private int probeSize = 4 * 1024 * 1024;

    @UriParam(label = "producer", defaultValue = "true", description = "Record each transfer's speed in the "
            + "installation's DeviceSpeeds, which the node selectors weigh")
    private boolean recordSpeed = true;

    public String getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(String deviceId) {
        this.deviceId = deviceId;
    }

    public DeviceOperation getOperation() {
        return operation;
    }

    public void setOperation(DeviceOperation operation) {
        this.operation = operation;
    }

    public int getProbeSize() {
        return probeSize;
    }

    public void setProbeSize(int probeSize) {
        this.probeSize = probeSize;
    }

    public boolean isRecordSpeed() {
        return recordSpeed;
    }

    public void setRecordSpeed(boolean recordSpeed) {
        this.recordSpeed = recordSpeed;
    }
}
