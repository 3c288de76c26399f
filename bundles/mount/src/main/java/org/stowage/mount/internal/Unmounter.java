package org.stowage.mount.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Detaches a FUSE mount lazily, so that it goes even while programs hold files open in it (they get errors from
 * then on): {@code fusermount -u -z} where libfuse's helper is installed (its fuse 2 or fuse 3 name), else
 * {@code umount -l} (root). jnr-fuse's own unmount is not used: without the fuse 2 helper it falls back to a plain
 * {@code umount}, which fails while a file is open.
 */
final class Unmounter {

    private static final List<List<String>> COMMANDS = List.of(
            List.of("fusermount", "-u", "-z"), List.of("fusermount3", "-u", "-z"), List.of("umount", "-l"));

    private Unmounter() {
    }

    /**
     * @throws IOException naming every command tried and why it failed, if none detached the mount
     */
    static void detach(Path mountpoint) throws IOException {
        List<String> failures = new ArrayList<>();
        for (List<String> command : COMMANDS) {
            List<String> line = new ArrayList<>(command);
            line.add(mountpoint.toString());
            try {
                Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes()).trim();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    failures.add(String.join(" ", line) + ": no answer in 30 s");
                } else if (process.exitValue() == 0) {
                    return;
                } else {
                    failures.add(String.join(" ", line) + ": " + output);
                }
            } catch (IOException e) {
                failures.add(command.get(0) + ": " + e.getMessage()); // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unmounting " + mountpoint, e);
            }
        }
        throw new IOException("could not unmount " + mountpoint + " (" + String.join("; ", failures) + ")");
    }
}
