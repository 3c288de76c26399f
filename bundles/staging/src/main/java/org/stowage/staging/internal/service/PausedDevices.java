package org.stowage.staging.internal.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices whose drains an operator paused, kept in a small text file (one device id per line) so that a pause
 * outlasts a restart: an operator who paused drains to keep a tape drive free must not see them resume because
 * Karaf restarted. The file is replaced atomically (written beside, forced, renamed). Thread-safe.
 */
final class PausedDevices {

    private final Path file;
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    private PausedDevices(Path file) {
        this.file = file;
    }

    /** Reads {@code file} if it exists. */
    static PausedDevices load(Path file) throws IOException {
        PausedDevices devices = new PausedDevices(file);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    devices.paused.add(line.trim());
                }
            }
        }
        return devices;
    }

    boolean isPaused(String deviceId) {
        return paused.contains(deviceId);
    }

    /** Pauses or resumes, durable when it returns; returns whether that changed anything. */
    synchronized boolean set(String deviceId, boolean pause) throws IOException {
        boolean changed = pause ? paused.add(deviceId) : paused.remove(deviceId);
        if (changed) {
            try {
                write();
            } catch (IOException e) {
                if (pause) {
                    paused.remove(deviceId);
                } else {
                    paused.add(deviceId);
                }
                throw new IOException("cannot record that drains of device '" + deviceId + "' are "
                        + (pause ? "paused" : "resumed") + " in " + file + ": " + e.getMessage()
                        + "; nothing changed, check that the staging directory is writable", e);
            }
        }
        return changed;
    }

    private void write() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, List.copyOf(new TreeSet<>(paused)), StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
