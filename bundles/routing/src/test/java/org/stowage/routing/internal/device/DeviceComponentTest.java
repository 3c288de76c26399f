package org.stowage.routing.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.ProbeResult;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.routing.internal.RecordingSpeeds;

/** The {@code stowage-device} endpoints: their options, their calls and their failures, which name the device. */
class DeviceComponentTest extends CamelTestSupport {

    private final DeviceRegistry devices = new DeviceRegistry();
    private final RecordingSpeeds speeds = new RecordingSpeeds();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.addComponent(DeviceConstants.SCHEME, new DeviceComponent(devices, speeds));
        return camel;
    }

    @Test
    void uriOptionsConfigureTheEndpoint() {
        DeviceEndpoint endpoint = context.getEndpoint("stowage-device:vault?operation=probe&probeSize=65536"
                + "&recordSpeed=false", DeviceEndpoint.class);

        assertEquals("vault", endpoint.deviceId());
        assertEquals(DeviceOperation.PROBE, endpoint.getConfiguration().getOperation());
        assertEquals(65_536, endpoint.getConfiguration().getProbeSize());
        assertFalse(endpoint.getConfiguration().isRecordSpeed());
        assertEquals(DeviceOperation.PUT, context.getEndpoint("stowage-device:local", DeviceEndpoint.class)
                .getConfiguration().getOperation());
    }

    @Test
    void anInvalidDeviceIdOrProbeSizeIsRefused() {
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("stowage-device:Not_An_Id"));
        assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("stowage-device:local?operation=probe&probeSize=0"));
    }

    @Test
    void putStoresTheBodyUnderTheBlobNameAndRecordsTheSpeed() throws Exception {
        MemoryDevice local = new MemoryDevice("local");
        devices.add(local, 1);
        ByteBuffer pack = ByteBuffer.allocateDirect(128 * 1024);
        BlobName name = BlobName.of(BlobType.DATA, "p1");

        Exchange exchange = template.send("stowage-device:local", e -> {
            e.getMessage().setBody(pack);
            e.getMessage().setHeader(DeviceConstants.BLOB_NAME, name);
        });

        assertNull(exchange.getException());
        assertEquals(128 * 1024, local.stat(name).orElseThrow().size());
        assertEquals("local", exchange.getMessage().getHeader(DeviceConstants.DEVICE_ID));
        assertEquals(1, speeds.transfers().size());
    }

    @Test
    void probeAnswersTheResultAndRecordsTheSpeed() {
        devices.add(new MemoryDevice("local"), 1);

        Exchange exchange = template.send("stowage-device:local?operation=probe&probeSize=65536", e -> { });

        assertEquals(65_536, exchange.getMessage().getBody(ProbeResult.class).bytes());
        assertEquals(65_536, speeds.transfers().get(0).bytes());
    }

    @Test
    void failuresNameTheDeviceAndWhatIsMissing() {
        Exchange noDevice = template.send("stowage-device:gone", e -> {
            e.getMessage().setBody(ByteBuffer.allocate(16));
            e.getMessage().setHeader(DeviceConstants.BLOB_NAME, BlobName.of(BlobType.DATA, "p1"));
        });
        DeviceException e = assertInstanceOf(DeviceException.class, noDevice.getException());
        assertTrue(e.getMessage().startsWith("device 'gone': put of data/p1 failed: no Device service with "
                + "device.id=gone"), e.getMessage());

        devices.add(new MemoryDevice("local"), 1);
        Exchange noName = template.send("stowage-device:local", x -> x.getMessage().setBody(ByteBuffer.allocate(16)));
        assertTrue(noName.getException().getMessage().contains(DeviceConstants.BLOB_NAME),
                noName.getException().getMessage());
        assertTrue(speeds.transfers().isEmpty());
    }
}
