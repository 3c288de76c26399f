package org.stowage.itests;

import static org.junit.Assert.assertNotNull;

import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits for services inside the container. Runs in the probe (not in the driver JVM).
 */
public final class Services {

    private Services() {
    }

    /**
     * The current service of {@code type}, looked up on every call: a configuration change makes DS replace the
     * component, and an injected reference would keep pointing at the deactivated one.
     *
     * @throws AssertionError when there is none within {@code timeout}
     */
    public static <T> T await(BundleContext context, Class<T> type, Duration timeout) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(timeout.toMillis());
            assertNotNull("no " + type.getSimpleName() + " service within " + timeout, service);
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type.getSimpleName(), e);
        } finally {
            tracker.close();
        }
    }
}
