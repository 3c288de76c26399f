package org.stowage.routing.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.routing.internal.RecordingSpeeds;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;

/** The probe route, fired by hand (its timer replaced with AdviceWith): only IDLE devices are probed. */
class ProbeRouteTest extends CamelTestSupport {

    private static final String PROBE = "direct:probe";
    private static final int PROBE_SIZE = 256 * 1024;

    private final DeviceRegistry devices = new DeviceRegistry();
    private final RecordingSpeeds speeds = new RecordingSpeeds();
    private final FaultyDevice broken = device("a-broken");
    private final FaultyDevice idle = device("b-idle");
    private final FaultyDevice busy = device("c-busy");
    private final FaultyDevice offline = device("d-offline");
    private final FaultyDevice later = device("e-idle");

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
        return new ProbeRouteBuilder(devices, 60_000, 60_000, PROBE_SIZE);
    }

    @BeforeEach
    void probeByHand() throws Exception {
        AdviceWith.adviceWith(context, StatusRoutes.PROBE_ROUTE_ID, route -> route.replaceFromWith(PROBE));
        context.start();
    }

    @Test
    void onlyIdleDevicesAreProbedAndEachResultIsRecorded() {
        broken.arm(Fault.fail(DeviceOperation.PROBE));
        busy.setBusy("writing packs");
        offline.arm(Fault.removed());

        template.sendBody(PROBE, null);

        assertEquals(List.of("b-idle", "e-idle"), speeds.devices(), "a failed probe does not stop the others");
        speeds.transfers().forEach(t -> assertEquals(PROBE_SIZE, t.bytes(), t.toString()));
        assertEquals(0, busy.completed(DeviceOperation.PROBE), "a BUSY device is never probed");
        assertEquals(0, offline.completed(DeviceOperation.PROBE), "an OFFLINE device is never probed");
        assertEquals(1, broken.injectedFailures());
        assertEquals(1, idle.completed(DeviceOperation.PROBE));
    }

    @Test
    void theRouteHasItsId() {
        assertNotNull(context.getRoute(StatusRoutes.PROBE_ROUTE_ID));
    }

    private FaultyDevice device(String id) {
        FaultyDevice device = FaultyDevice.wrap(new MemoryDevice(id)).build();
        devices.add(device, 1);
        return device;
    }
}
