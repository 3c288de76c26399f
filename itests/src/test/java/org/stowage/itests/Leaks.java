package org.stowage.itests;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Finds a secret where every bundle, shell user or JMX client of the container can read it. Runs in the probe (inside
 * Karaf). Each method returns one line per place that holds the secret, naming the place and never the value, so
 * that an assertion on an empty list prints where the leak is.
 */
final class Leaks {

    private Leaks() {
    }

    /** Properties of every registered service (what {@code service:list} and the OSGi JMX MBeans show). */
    static List<String> inServiceProperties(BundleContext context, String secret) throws InvalidSyntaxException {
        List<String> leaks = new ArrayList<>();
        ServiceReference<?>[] references = context.getAllServiceReferences(null, null);
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            for (String key : reference.getPropertyKeys()) {
                if (text(reference.getProperty(key)).contains(secret)) {
                    leaks.add("service " + reference.getProperty("service.id") + " "
                            + text(reference.getProperty("objectClass")) + ": property '" + key + "'");
                }
            }
        }
        return leaks;
    }

    /**
     * Every readable attribute of every MBean of the container's MBeanServer (Karaf's, Camel's, the JVM's and any
     * of ours). An attribute whose getter throws is skipped on purpose: a JMX client gets the same exception, so it
     * cannot read a secret there either.
     */
    static List<String> inMBeanAttributes(BundleContext context, String secret) throws Exception {
        // Karaf registers the MBeanServer it serves over JMX as a service; it is the platform one unless configured
        ServiceReference<MBeanServer> reference = context.getServiceReference(MBeanServer.class);
        MBeanServer server = reference == null ? ManagementFactory.getPlatformMBeanServer()
                : context.getService(reference);
        try {
            List<String> leaks = new ArrayList<>();
            for (ObjectName name : server.queryNames(null, null)) {
                for (MBeanAttributeInfo attribute : attributes(server, name)) {
                    if (attribute.isReadable() && readable(server, name, attribute).contains(secret)) {
                        leaks.add(name + " attribute " + attribute.getName());
                    }
                }
            }
            return leaks;
        } finally {
            if (reference != null) {
                context.ungetService(reference);
            }
        }
    }

    /** The MBean's attributes; none when it was unregistered since the query (it cannot be read any more). */
    private static MBeanAttributeInfo[] attributes(MBeanServer server, ObjectName name) throws JMException {
        try {
            return server.getMBeanInfo(name).getAttributes();
        } catch (InstanceNotFoundException e) {
            return new MBeanAttributeInfo[0];
        }
    }

    private static String readable(MBeanServer server, ObjectName name, MBeanAttributeInfo attribute) {
        try {
            return text(server.getAttribute(name, attribute.getName()));
        } catch (JMException | RuntimeMBeanException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String text(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return String.valueOf(value);
    }
}
