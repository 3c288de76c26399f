package org.stowage.routing.internal.status;

import java.util.function.Consumer;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts device state changes to the OSGi EventAdmin while one is registered (Karaf's {@code eventadmin} feature),
 * asynchronously ({@code postEvent}): a slow event handler never delays the status route. Without an EventAdmin the
 * changes still reach the routes' queue and the log. Thread-safe.
 */
public final class EventAdminPublisher implements Consumer<DeviceStateChange> {

    private volatile EventAdmin eventAdmin;

    public void set(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /** Forgets {@code gone} if it is the one in use. */
    public void unset(EventAdmin gone) {
        if (eventAdmin == gone) {
            eventAdmin = null;
        }
    }

    @Override
    public void accept(DeviceStateChange change) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(DeviceStateChange.TOPIC, change.eventProperties()));
        }
    }
}
