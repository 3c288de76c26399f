package org.stowage.routing.internal.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The whiteboard's bookkeeping: a RoutesBuilder's routes come and go together, and a failed one leaves nothing. */
class RouteGroupsTest {

    @Test
    void aBuildersRoutesAreAddedAndRemovedTogetherAndOthersStay() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            RouteGroups groups = new RouteGroups(camel);
            RouteBuilder integrator = routes("direct:a", "direct:b");
            RouteBuilder other = routes("direct:c");
            assertEquals(2, groups.add(integrator, integrator).size(), "ids are found also for unnamed routes");
            groups.add(other, other);
            assertEquals(3, camel.getRoutes().size());

            assertTrue(groups.remove(integrator));
            assertEquals(1, camel.getRoutes().size());
            assertEquals(groups.routes(other), List.of(camel.getRoutes().get(0).getRouteId()));
            assertFalse(groups.remove(integrator));
        }
    }

    @Test
    void aBuilderThatFailsHalfwayLeavesNoneOfItsRoutes() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            RouteGroups groups = new RouteGroups(camel);
            RouteBuilder broken = new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:fine").routeId("fine").to("log:x");
                    from("direct:bad").routeId("bad").to("nosuchscheme:x");
                }
            };
            assertThrows(Exception.class, () -> groups.add(broken, broken));
            assertNull(camel.getRoute("fine"));
            assertTrue(groups.routes(broken).isEmpty());
        }
    }

    private static RouteBuilder routes(String... froms) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String from : froms) {
                    from(from).to("log:x");
                }
            }
        };
    }
}
