package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The system properties the harnesses read (surefire passes {@code -D} options of the Maven command line on):
 * <ul>
 *   <li>{@code stowage.assembly}: the assembly tar.gz; the itests pom points it at the one in the local repository.
 *   <li>{@code stowage.crash.backupKills}, {@code stowage.crash.pruneKills}, {@code stowage.crash.copyKills},
 *       {@code stowage.crash.moveKills}, {@code stowage.crash.seed}, {@code stowage.crash.incrementMiB}: the crash
 *       run ({@link CrashHarness}).
 *   <li>{@code stowage.shared.seconds}, {@code stowage.shared.seed}, {@code stowage.shared.incrementMiB}: the
 *       two-process run ({@link SharedRepositoryHarness}).
 *   <li>{@code stowage.harness.keep=true}: keep the scratch folder of a run that passed (a failed run always keeps it).
 * </ul>
 */
final class HarnessProperties {

    private HarnessProperties() {
    }

    static Path assembly() {
        String path = System.getProperty("stowage.assembly");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("System property stowage.assembly is not set: run through Maven "
                    + "(`mvn install`, or `mvn -pl itests install -Dtest=...`), whose surefire configuration sets it");
        }
        Path assembly = Path.of(path);
        if (!Files.isRegularFile(assembly)) {
            throw new IllegalStateException("The assembly " + assembly + " does not exist: run `mvn install` of the "
                    + "whole project first (the harness unpacks the installed tar.gz)");
        }
        return assembly;
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)).trim());
    }

    static long seed(String name, long fallback) {
        return Long.parseLong(System.getProperty(name, Long.toString(fallback)).trim());
    }

    /** A fresh folder below {@code target/<kind>/}, named by the time of the run. */
    static Path scratch(String kind) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.createDirectories(Path.of("target", kind, "run-" + stamp).toAbsolutePath());
    }

    /** Deletes the scratch folder of a run that passed, unless asked to keep it. */
    static void cleanUp(Path scratch) throws IOException {
        if (!Boolean.getBoolean("stowage.harness.keep")) {
            SourceStates.deleteTree(scratch);
        }
    }
}
