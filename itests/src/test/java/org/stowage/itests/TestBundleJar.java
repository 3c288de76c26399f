package org.stowage.itests;

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
 * Writes a bundle that a third party would ship (in the Pax Exam driver JVM, from the compiled test classes): a plain
 * jar with an OSGi manifest, an activator and the given classes, importing only what the manifest names.
 */
public final class TestBundleJar {

    private TestBundleJar() {
    }

    /** Writes the bundle to {@code jar} (its folder is created) and returns it. */
    public static Path write(Path jar, String symbolicName, Class<?> activator, String importPackage,
                             List<Class<?>> classes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", importPackage);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : classes) {
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
