package org.stowage.itests.thirdparty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.stowage.itests.TestBundleJar;

/**
 * Builds the third party's selector bundle (in the Pax Exam driver JVM, from the compiled test classes): a plain jar
 * with an OSGi manifest that imports the selector SPI and starts {@link ReverseOrderActivator}, as a selector
 * written outside this project would be.
 */
public final class ThirdPartyBundle {

    public static final String SYMBOLIC_NAME = "com.example.reverse-order-selector";
    private static final List<Class<?>> CLASSES = List.of(ReverseOrderSelector.class, ReverseOrderActivator.class);

    private ThirdPartyBundle() {
    }

    /** Writes the bundle to {@code jar} (its folder is created) and returns it. */
    public static Path build(Path jar) throws IOException {
        return TestBundleJar.write(jar, SYMBOLIC_NAME, ReverseOrderActivator.class,
                "org.osgi.framework;version=\"[1.8,2)\",org.stowage.api.selector;version=\"[2.0,3)\"", CLASSES);
    }
}
