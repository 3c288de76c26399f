package org.stowage.itests.integrator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.stowage.itests.TestBundleJar;

/** Builds the integrator's bundle: {@link IntegratorRoutes} registered as a RoutesBuilder by its activator. */
public final class IntegratorBundle {

    public static final String SYMBOLIC_NAME = "com.example.stowage-integrator-routes";

    private IntegratorBundle() {
    }

    public static Path build(Path jar) throws IOException {
        String camel = ";version=\"[4.14,5)\"";
        return TestBundleJar.write(jar, SYMBOLIC_NAME, IntegratorActivator.class,
                "org.osgi.framework;version=\"[1.8,2)\",org.apache.camel" + camel + ",org.apache.camel.builder" + camel
                        + ",org.apache.camel.model" + camel + ",org.apache.camel.spi" + camel
                        + ",org.stowage.api.repository;version=\"[1.7,2)\"",
                List.of(IntegratorRoutes.class, IntegratorActivator.class));
    }
}
