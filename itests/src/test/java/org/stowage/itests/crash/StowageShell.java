package org.stowage.itests.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Stowage commands the harnesses use, on one Karaf copy's {@link Shell}: the command lines and the parsing of
 * their output live here and nowhere else. Thread-safe.
 */
final class StowageShell {

    /** Answers once the shell commands are registered and the repository is open (or created, init = auto). */
    static final String READY_PROBE = "stowage:snapshots --json";

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration SHORT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Shell shell;

    StowageShell(Shell shell) {
        this.shell = shell;
    }

    /** A snapshot as {@code stowage:snapshots --json} lists it. */
    record Snapshot(String id, Instant time, Set<String> tags, String incompleteReason) {

        boolean complete() {
            return incompleteReason == null;
        }

        String shortId() {
            return id.substring(0, 8);
        }
    }

    /**
     * On which devices a snapshot's data lies, as {@code stowage:ls --devices --json <id>} shows it: the stored bytes
     * of its blobs, and per device those of its blobs whose pack the index records a copy of there.
     */
    record Placement(long storedBytes, Map<String, Long> onDevice) {

        long on(String device) {
            return onDevice.getOrDefault(device, 0L);
        }
    }

    /** A lock blob as {@code stowage:locks --json} lists it. */
    record Lock(String id, boolean shared, String operation, String host, long pid, boolean stale) {
    }

    static String backupCommand(Path source, String tag) {
        return "stowage:backup --tag " + tag + " " + source;
    }

    static String forgetCommand(String policy, boolean prune, boolean dryRun) {
        return "stowage:forget " + (prune ? "--prune " : "") + (dryRun ? "--dry-run " : "") + policy;
    }

    /** Copies (or moves) the data of one snapshot to the device {@code to} (Karaf takes options only first). */
    static String copyCommand(String snapshotId, String to, boolean move) {
        return "stowage:copy --to " + to + (move ? " --move " : " ") + snapshotId;
    }

    Shell.Result backup(Path source, String tag) {
        return shell.run(backupCommand(source, tag), LONG);
    }

    Shell.Result forget(String policy, boolean prune, boolean dryRun) {
        return shell.run(forgetCommand(policy, prune, dryRun), LONG);
    }

    /** {@code check --read-data}; the result is ok only when the command succeeded and reported no error. */
    Shell.Result check() {
        Shell.Result result = shell.run("stowage:check --read-data", LONG);
        boolean clean = result.ok() && result.output().contains("No errors found.");
        return clean ? result : new Shell.Result(result.command(), result.ok() ? -1 : result.exitCode(),
                result.output());
    }

    Shell.Result copy(String snapshotId, String to, boolean move) {
        return shell.run(copyCommand(snapshotId, to, move), LONG);
    }

    Shell.Result restore(String snapshotId, Path target) {
        return shell.run("stowage:restore " + snapshotId + " " + target, LONG);
    }

    List<Snapshot> snapshots() {
        List<Snapshot> snapshots = new ArrayList<>();
        for (JsonNode node : json("stowage:snapshots --json")) {
            Set<String> tags = new TreeSet<>();
            node.path("tags").forEach(t -> tags.add(t.asText()));
            JsonNode reason = node.get("incompleteReason");
            snapshots.add(new Snapshot(node.get("id").asText(), Instant.parse(node.get("time").asText()), tags,
                    reason == null || reason.isNull() ? null : reason.asText()));
        }
        return snapshots;
    }

    List<Lock> locks() {
        List<Lock> locks = new ArrayList<>();
        for (JsonNode node : json("stowage:locks --json")) {
            locks.add(new Lock(node.get("id").asText(), node.get("shared").asBoolean(),
                    node.path("operation").asText(), node.path("host").asText(), node.path("pid").asLong(),
                    node.path("stale").asBoolean()));
        }
        return locks;
    }

    Placement placement(String snapshotId) {
        JsonNode node = json("stowage:ls --devices --json " + snapshotId);
        Map<String, Long> onDevice = new TreeMap<>();
        node.path("onDevice").fields().forEachRemaining(e -> onDevice.put(e.getKey(), e.getValue().asLong()));
        return new Placement(node.path("storedBytes").asLong(), onDevice);
    }

    /** How many blobs wait in staging for the device, as {@code stowage:staging --json} shows it (0: none known). */
    int stagedItems(String deviceId) {
        for (JsonNode device : json("stowage:staging --json").path("devices")) {
            if (device.path("id").asText().equals(deviceId)) {
                return device.path("stagedItems").asInt();
            }
        }
        return 0;
    }

    /** The JSON array or object a command printed (the first one in its output). */
    private JsonNode json(String command) {
        String output = shell.ok(command, SHORT);
        int array = output.indexOf('[');
        int object = output.indexOf('{');
        int start = array < 0 ? object : object < 0 ? array : Math.min(array, object);
        if (start < 0) {
            throw new AssertionError("`" + command + "` printed no JSON:\n" + output);
        }
        try {
            return JSON.readTree(output.substring(start));
        } catch (IOException e) {
            throw new UncheckedIOException("`" + command + "` printed unreadable JSON:\n" + output, e);
        }
    }
}
