package org.stowage.itests.thirdparty;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.stowage.api.selector.NodeSelector;

/** Registers the {@link ReverseOrderSelector} while its bundle is active: all a third-party selector bundle needs. */
public final class ReverseOrderActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(NodeSelector.PROP_NAME, ReverseOrderSelector.NAME);
        context.registerService(NodeSelector.class, new ReverseOrderSelector(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service with the bundle
    }
}
