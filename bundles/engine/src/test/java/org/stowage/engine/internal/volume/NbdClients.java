package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real NBD clients of Debian's qemu-utils (qemu-img, qemu-io) and libnbd-bin (nbdcopy, nbdinfo) against an
 * export. The tests fail, never skip, when a client is missing: .ci/run installs them (as rsync, acl and attr).
 */
final class NbdClients {

    private NbdClients() {
    }

    /** Runs {@code command}; returns its standard output, or fails naming the command, its exit code and output. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not installed; install qemu-utils and libnbd-bin"
                    + " (apt-get install qemu-utils libnbd-bin), as .ci/run does", e);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    /** qemu-io writes of pattern bytes: each {@code {offset, length, pattern}}. */
    static void qemuWrite(String uri, long[]... writes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-io", "-f", "raw"));
        for (long[] w : writes) {
            cmd.add("-c");
            cmd.add("write -P " + w[2] + " " + w[0] + " " + w[1]);
        }
        cmd.add(uri);
        run(cmd.toArray(String[]::new));
    }

    /** {@code nbd://host:port/name} of an export described as {@code host:port/name}. */
    static String uri(String export) {
        return "nbd://" + export;
    }
}
