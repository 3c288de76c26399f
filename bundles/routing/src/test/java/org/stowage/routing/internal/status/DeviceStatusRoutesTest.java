package org.stowage.routing.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stowage.device.testkit.ArmedFault;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.routing.internal.device.DeviceRegistry;

/**
 * The device status route with its timer replaced by a direct endpoint (AdviceWith), so that each poll is
 * one call: every transition is published exactly once, to the queue's consumers and to the event sink.
 */
class DeviceStatusRoutesTest extends CamelTestSupport {

    private static final String POLL = "direct:poll";

    private final DeviceRegistry devices = new DeviceRegistry();
    private final List<DeviceStateChange> posted = new CopyOnWriteArrayList<>();
    private final FaultyDevice a = FaultyDevice.wrap(new MemoryDevice("a")).build();
    private final FaultyDevice b = FaultyDevice.wrap(new MemoryDevice("b")).build();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {
            new DeviceStatusRouteBuilder(new DeviceStatusPoller(devices, Clock.systemUTC()), 60_000, posted::add),
            new RouteBuilder() {
                @Override
                public void configure() {
                    // the consumer of the state changes, as a drain route will be
                    from(StatusRoutes.STATE_CHANGED).routeId("test-consumer").to("mock:changes");
                }
            }
        };
    }

    @BeforeEach
    void pollByHand() throws Exception {
        AdviceWith.adviceWith(context, StatusRoutes.STATUS_ROUTE_ID, route -> route.replaceFromWith(POLL));
        context.start();
        devices.add(a, 1);
        devices.add(b, 1);
    }

    @Test
    void routesHaveTheirIds() {
        assertNotNull(context.getRoute(StatusRoutes.STATUS_ROUTE_ID));
        assertNotNull(context.getRoute(StatusRoutes.EVENTS_ROUTE_ID));
    }

    @Test
    void eachTransitionIsPublishedExactlyOnce() throws Exception {
        MockEndpoint changes = getMockEndpoint("mock:changes");
        changes.expectedMessageCount(6);
        changes.setAssertPeriod(300); // and no more arrive after them

        poll(); // first sight of a and b
        poll();
        a.setBusy("cleaning");
        poll();
        poll();
        ArmedFault removed = a.arm(Fault.removed());
        poll();
        removed.disarm();
        a.clearBusy();
        poll();
        poll();
        devices.remove(b);
        poll();
        poll();

        changes.assertIsSatisfied();
        List<String> expected = List.of("device 'a' UNKNOWN -> IDLE", "device 'b' UNKNOWN -> IDLE",
                "device 'a' IDLE -> BUSY (cleaning)", "device 'a' BUSY -> OFFLINE (device removed (injected fault))",
                "device 'a' OFFLINE -> IDLE", "device 'b' IDLE -> OFFLINE (its Device service is no longer registered)");
        assertEquals(expected, changes.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(DeviceStateChange.class).toString()).toList());
        assertEquals(expected, posted.stream().map(DeviceStateChange::toString).toList());
        var busy = changes.getReceivedExchanges().get(2).getMessage();
        assertEquals("a", busy.getHeader(StatusRoutes.HEADER_DEVICE_ID));
        assertEquals("BUSY", busy.getHeader(StatusRoutes.HEADER_STATE));
        assertEquals("IDLE", busy.getHeader(StatusRoutes.HEADER_PREVIOUS_STATE));
        assertEquals("cleaning", busy.getHeader(StatusRoutes.HEADER_REASON));
    }

    @Test
    void aChangedReasonInTheSameStateIsNoTransition() throws Exception {
        MockEndpoint changes = getMockEndpoint("mock:changes");
        changes.expectedMessageCount(3);
        changes.setAssertPeriod(300);

        poll();
        a.setBusy("cleaning");
        poll();
        a.setBusy("rewinding");
        poll();

        changes.assertIsSatisfied();
    }

    private void poll() {
        template.sendBody(POLL, null);
    }
}
