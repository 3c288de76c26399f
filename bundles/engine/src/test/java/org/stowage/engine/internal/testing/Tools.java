package org.stowage.engine.internal.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the system tools that fidelity tests set files up and compare them with (rsync, setfacl, setfattr, ...).
 * A missing tool fails the test with what to install: .ci/run installs them on CI, so a test never passes, nor is
 * skipped, without them.
 */
public final class Tools {

    private Tools() {
    }

    /** Fails unless every command is on the PATH. */
    public static void require(String... commands) {
        List<String> missing = new ArrayList<>();
        for (String command : commands) {
            if (!onPath(command)) {
                missing.add(command);
            }
        }
        if (!missing.isEmpty()) {
            fail("this test needs " + missing + " on the PATH: install the Debian packages rsync, acl and attr"
                    + " (apt-get install -y rsync acl attr; .ci/run installs them on CI)");
        }
    }

    /** Runs {@code command} and returns its standard output; fails the test on a non-zero exit. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed: " + out);
        return out;
    }

    /** Whether this JVM runs as root (device nodes, trusted.* attributes and owners need it). */
    public static boolean root() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
