package org.stowage.routing.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.quartz.CronExpression;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.repository.BackupSelection;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.RetentionPolicy;

/**
 * A validated job configuration, registered as an OSGi service (internal type) by {@link JobComponent} and
 * scheduled by {@link RoutingComponent}. Immutable.
 *
 * @param pid       the configuration PID, for messages
 * @param retention empty for "keep everything"
 * @param prune     prune after retention (only with a retention policy)
 * @param enabled   false: not scheduled, but can still be run by hand
 * @param placement the devices, selector and copies for this job's packs (the repository's where not set)
 * @param copy      where each run's snapshot is copied (or moved) after the backup
 * @param selection what below the paths each run leaves out, and a file of more paths
 * @param volume    the volume a volume job backs up (then {@code paths} is empty), or null
 * @param replicas  where the one path is mounted, in order of preference (a backup from replicas); empty otherwise
 */
record JobDefinition(String pid, String name, List<Path> paths, String schedule, Set<String> tags,
                     Optional<RetentionPolicy> retention, boolean prune, boolean enabled,
                     PlacementOverride placement, CopyStep copy, BackupSelection selection, String volume,
                     List<Path> replicas) {

    /** After the backup: copy (or move) the new snapshot's data to these devices; none when {@code to} is empty. */
    record CopyStep(List<String> to, boolean move) {
        static final CopyStep NONE = new CopyStep(List.of(), false);

        CopyStep {
            to = List.copyOf(to);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    JobDefinition {
        paths = List.copyOf(paths);
        tags = Set.copyOf(tags);
        replicas = List.copyOf(replicas);
    }

    static JobDefinition fromConfig(String pid, JobConfig config) {
        BackupSelection selection = JobSelection.parse(pid, config);
        String volume = config.volume() == null || config.volume().isBlank() ? null : config.volume().trim();
        if (volume != null && !config.paths().isBlank()) {
            throw invalid(pid, "volume", volume, "a job backs up either paths or a volume: remove 'paths' or 'volume'");
        }
        return parse(pid, config.name(), config.paths(), config.schedule(), config.tags(), config.retention(),
                config.prune(), config.enabled(), selection.filesFrom() != null || volume != null)
                .withPlacement(parsePlacement(pid, config.devices(), config.selector(), config.copies()))
                .withCopy(new CopyStep(deviceIds(pid, "copy.to", config.copy_to()), config.copy_move()))
                .withSelection(selection).withVolume(volume)
                .withReplicas(parseReplicas(pid, config.replicas()));
    }

    /** With replicas: the job's one path is the logical path its snapshots record (BackupRequest#replicas). */
    JobDefinition withReplicas(List<Path> other) {
        if (!other.isEmpty() && (paths.size() != 1 || selection.filesFrom() != null)) {
            throw invalid(pid, "replicas", other.toString(), "a backup from replicas needs exactly one path in "
                    + "'paths' (the logical path its snapshots record) and no 'files.from'");
        }
        return new JobDefinition(pid, name, paths, schedule, tags, retention, prune, enabled, placement, copy,
                selection, volume, other);
    }

    private static List<Path> parseReplicas(String pid, String replicas) {
        List<Path> result = new ArrayList<>();
        for (String part : split(replicas)) {
            result.add(absolutePath(pid, "replicas", part));
        }
        return result;
    }

    JobDefinition withPlacement(PlacementOverride other) {
        return new JobDefinition(pid, name, paths, schedule, tags, retention, prune, enabled, other, copy, selection,
                volume, replicas);
    }

    JobDefinition withCopy(CopyStep other) {
        if (other.move() && other.to().isEmpty()) {
            throw invalid(pid, "copy.move", "true", "name the devices to move to in 'copy.to'");
        }
        return new JobDefinition(pid, name, paths, schedule, tags, retention, prune, enabled, placement, other,
                selection, volume, replicas);
    }

    JobDefinition withSelection(BackupSelection other) {
        return new JobDefinition(pid, name, paths, schedule, tags, retention, prune, enabled, placement, copy, other,
                volume, replicas);
    }

    /** This job backing up volume {@code other} (null: its paths). */
    JobDefinition withVolume(String other) {
        return new JobDefinition(pid, name, paths, schedule, tags, retention, prune, enabled, placement, copy,
                selection, other, replicas);
    }

    /**
     * The job's own placement: {@code devices} (comma-separated ids, empty for the repository's), {@code selector}
     * (absent for the repository's) and {@code copies} (0 for the repository's).
     */
    static PlacementOverride parsePlacement(String pid, String devices, String selector, int copies) {
        if (copies < 0) {
            throw invalid(pid, "copies", String.valueOf(copies), "use 1 or more, or 0 for the repository's number");
        }
        return new PlacementOverride(deviceIds(pid, "devices", devices),
                selector == null || selector.isBlank() ? null : selector.trim(), copies);
    }

    /** A comma-separated list of device ids, each checked. */
    static List<String> deviceIds(String pid, String key, String devices) {
        List<String> ids = split(devices).stream().toList();
        for (String id : ids) {
            try {
                DeviceDescriptor.checkId(id);
            } catch (IllegalArgumentException e) {
                throw invalid(pid, key, devices, e.getMessage());
            }
        }
        return ids;
    }

    /**
     * Validates the raw configuration values.
     *
     * @throws IllegalArgumentException naming the PID, the key, the bad value and what to write instead
     */
    static JobDefinition parse(String pid, String name, String paths, String schedule, String tags,
                               String retention, boolean prune, boolean enabled) {
        return parse(pid, name, paths, schedule, tags, retention, prune, enabled, false);
    }

    /** @param pathsListed whether a files-from list names paths, so that {@code paths} may be empty */
    private static JobDefinition parse(String pid, String name, String paths, String schedule, String tags,
                                       String retention, boolean prune, boolean enabled, boolean pathsListed) {
        if (name == null || !NAME.matcher(name.trim()).matches()) {
            throw invalid(pid, "name", name, "use 1-64 letters, digits, '-' and '_', starting with a letter or digit");
        }
        Optional<RetentionPolicy> policy = parseRetention(pid, retention);
        if (prune && policy.isEmpty()) {
            throw invalid(pid, "prune", "true", "prune runs after retention; set 'retention' (e.g. last=7) "
                    + "or remove 'prune'");
        }
        return new JobDefinition(pid, name.trim(), parsePaths(pid, paths, pathsListed), checkSchedule(pid, schedule),
                split(tags), policy, prune, enabled, PlacementOverride.REPOSITORY, CopyStep.NONE,
                BackupSelection.EVERYTHING, null, List.of());
    }

    /** The tags recorded in each snapshot of this job: the configured ones plus {@link #jobTag()}. */
    Set<String> snapshotTags() {
        Set<String> all = new LinkedHashSet<>(tags);
        all.add(jobTag());
        return all;
    }

    /** {@code job:<name>}: marks the job's own snapshots, the only ones its retention may remove. */
    String jobTag() {
        return "job:" + name;
    }

    private static List<Path> parsePaths(String pid, String paths, boolean pathsListed) {
        List<String> parts = new ArrayList<>(split(paths));
        if (parts.isEmpty() && !pathsListed) {
            throw invalid(pid, "paths", paths, "list at least one absolute path, comma-separated (or name a file "
                    + "that lists them in 'files.from')");
        }
        List<Path> result = new ArrayList<>();
        for (String part : parts) {
            result.add(absolutePath(pid, "paths", part));
        }
        return result;
    }

    /** An absolute path from the value of {@code key}. */
    static Path absolutePath(String pid, String key, String value) {
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                throw invalid(pid, key, value, "paths must be absolute, e.g. /srv/data");
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw invalid(pid, key, value, "not a valid path: " + e.getReason());
        }
    }

    private static String checkSchedule(String pid, String schedule) {
        String cron = schedule == null ? "" : schedule.trim();
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw invalid(pid, "schedule", schedule, "not a Quartz cron expression (" + e.getMessage()
                    + "); write seconds minutes hours day-of-month month day-of-week, e.g. '0 0 2 * * ?'");
        }
        return cron;
    }

    private static Optional<RetentionPolicy> parseRetention(String pid, String retention) {
        if (retention == null || retention.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RetentionPolicy.parse(retention));
        } catch (IllegalArgumentException e) {
            throw invalid(pid, "retention", retention, e.getMessage());
        }
    }

    static Set<String> split(String list) {
        return OptionLists.split(list);
    }

    static IllegalArgumentException invalid(String pid, String key, String value, String hint) {
        return new IllegalArgumentException("Job configuration '" + pid + "', key '" + key + "': value '" + value
                + "' is not valid: " + hint);
    }
}
