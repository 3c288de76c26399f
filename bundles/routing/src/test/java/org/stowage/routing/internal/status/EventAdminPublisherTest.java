package org.stowage.routing.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.stowage.api.device.DeviceState;

class EventAdminPublisherTest {

    private final List<Event> posted = new ArrayList<>();
    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("changes are posted asynchronously, never sent");
        }
    };

    @Test
    void postsEachChangeWithItsDocumentedProperties() {
        EventAdminPublisher publisher = new EventAdminPublisher();
        publisher.set(eventAdmin);

        publisher.accept(new DeviceStateChange("vault", DeviceState.BUSY, DeviceState.IDLE, "loading cartridge",
                Instant.ofEpochMilli(1_700_000_000_000L)));
        publisher.accept(new DeviceStateChange("local", DeviceState.IDLE, null, "", Instant.ofEpochMilli(5)));

        assertEquals(2, posted.size());
        Event busy = posted.get(0);
        assertEquals("org/stowage/device/STATE_CHANGED", busy.getTopic());
        assertEquals(Map.of("device.id", "vault", "state", "BUSY", "previous.state", "IDLE",
                "reason", "loading cartridge", "timestamp", 1_700_000_000_000L), properties(busy));
        assertEquals("UNKNOWN", posted.get(1).getProperty("previous.state"));
    }

    @Test
    void withoutEventAdminNothingIsPostedAndNothingFails() {
        EventAdminPublisher publisher = new EventAdminPublisher();
        publisher.set(eventAdmin);
        publisher.unset(eventAdmin);

        publisher.accept(new DeviceStateChange("local", DeviceState.IDLE, null, "", Instant.EPOCH));

        assertEquals(List.of(), posted);
    }

    private static Map<String, Object> properties(Event event) {
        Map<String, Object> properties = new TreeMap<>();
        for (String name : event.getPropertyNames()) {
            if (!name.equals("event.topics")) {
                properties.put(name, event.getProperty(name));
            }
        }
        return properties;
    }
}
