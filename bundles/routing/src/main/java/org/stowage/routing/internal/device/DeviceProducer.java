package org.stowage.routing.internal.device;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.placement.DeviceSpeeds;

/**
 * Calls one device: {@code put} of the pack in the body (a duplicate of the buffer, so concurrent copies of one pack
 * never share a position; no bytes are copied) or {@code probe}. Records each transfer's speed in
 * {@link DeviceSpeeds}. A failure is thrown as it came from the device, or as a {@link DeviceException} naming the
 * device and the pack; the routes decide what it means. Thread-safe: the fan-out calls it from several threads.
 */
final class DeviceProducer extends DefaultProducer {

    private final DeviceRegistry devices;
    private final DeviceSpeeds speeds;
    private final DeviceEndpointConfiguration configuration;

    DeviceProducer(DeviceEndpoint endpoint, DeviceRegistry devices, DeviceSpeeds speeds) {
        super(endpoint);
        this.devices = devices;
        this.speeds = speeds;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String id = configuration.getDeviceId();
        Message message = exchange.getMessage();
        message.setHeader(DeviceConstants.DEVICE_ID, id);
        if (configuration.getOperation() == DeviceOperation.PROBE) {
            probe(id, message);
        } else {
            put(id, message);
        }
    }

    private void put(String id, Message message) throws IOException {
        BlobName name = message.getHeader(DeviceConstants.BLOB_NAME, BlobName.class);
        if (name == null) {
            throw new IllegalArgumentException(getEndpoint().getEndpointUri() + ": header "
                    + DeviceConstants.BLOB_NAME + " (the blob name) is missing");
        }
        Object body = message.getBody();
        if (!(body instanceof ByteBuffer pack)) {
            throw new DeviceException(id, "put of " + name + ": the body is a "
                    + (body == null ? "null" : body.getClass().getName()) + ", not the pack's ByteBuffer");
        }
        Device device = device(id, "put of " + name);
        ByteBuffer content = pack.duplicate();
        long bytes = content.remaining();
        long started = System.nanoTime();
        device.put(name, content);
        long nanos = System.nanoTime() - started;
        message.setHeader(DeviceConstants.TRANSFER_NANOS, nanos);
        if (configuration.isRecordSpeed()) {
            speeds.record(id, bytes, nanos);
        }
    }

    private void probe(String id, Message message) throws IOException {
        Device device = device(id, "probe");
        ProbeResult result = device.probe(configuration.getProbeSize());
        long nanos = result.elapsed().toNanos();
        message.setHeader(DeviceConstants.TRANSFER_NANOS, nanos);
        message.setBody(result);
        if (configuration.isRecordSpeed()) {
            speeds.record(id, result.bytes(), nanos);
        }
    }

    private Device device(String id, String what) throws DeviceException {
        return devices.get(id).orElseThrow(() -> new DeviceException(id, what + " failed: no Device service with "
                + "device.id=" + id + " is registered now (its driver stopped or its configuration was removed)"));
    }
}
