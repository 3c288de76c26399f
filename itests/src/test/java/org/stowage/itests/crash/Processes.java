package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short helper commands (tar) and fails with their output when they fail. */
final class Processes {

    private Processes() {
    }

    static void runOrFail(List<String> command, Path dir, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, ".cmd-", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("`" + String.join(" ", command) + "` failed with exit code "
                        + process.exitValue() + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
