package org.stowage.itests.thirdparty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

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
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", ReverseOrderActivator.class.getName());
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\","
                + "org.stowage.api.selector;version=\"[2.0,3)\"");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : CLASSES) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("class file " + entry + " not found on the test class path");
                    }
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
