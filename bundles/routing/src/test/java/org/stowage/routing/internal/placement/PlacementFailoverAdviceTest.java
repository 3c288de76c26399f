package org.stowage.routing.internal.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.device.testkit.TestBlobs;
import org.stowage.routing.internal.RecordingSpeeds;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;

/** The rounds of writes the copies route makes, watched by a mock woven into the fan-out route. */
class PlacementFailoverAdviceTest extends CamelTestSupport {

    private final DeviceRegistry devices = new DeviceRegistry();
    private final RecordingSpeeds speeds = new RecordingSpeeds();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.addComponent(DeviceConstants.SCHEME, new DeviceComponent(devices, speeds));
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new PlacementRouteBuilder(devices, new SelectorRegistry(), speeds);
    }

    @Test
    void eachRoundWritesTheMissingCopiesToTheNextUntriedDevices() throws Exception {
        for (String id : List.of("a", "b", "c", "d")) {
            FaultyDevice device = FaultyDevice.wrap(new MemoryDevice(id)).build();
            if (id.equals("a") || id.equals("c")) {
                device.arm(Fault.fail(DeviceOperation.PUT));
            }
            devices.add(device, 1);
        }
        AdviceWith.adviceWith(context, PlacementRoutes.FANOUT_ROUTE_ID,
                route -> route.weaveAddFirst().to("mock:rounds"));
        context.start();
        MockEndpoint rounds = getMockEndpoint("mock:rounds");
        rounds.expectedMessageCount(3);

        ByteBuffer pack = TestBlobs.direct(TestBlobs.random(128 * 1024, 1));
        List<String> durable = new RoutePlacement(context, template).place(new PlacementRequest(
                BlobName.of(BlobType.DATA, "p1"), "s", List.of("a", "b", "c", "d"), "", 2, false), pack);

        rounds.assertIsSatisfied();
        assertEquals(List.of(List.of("stowage-device:a", "stowage-device:b"), List.of("stowage-device:c"),
                List.of("stowage-device:d")), rounds.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(PlacementRoutes.HEADER_TARGETS)).toList());
        assertEquals(List.of("b", "d"), durable);
    }
}
