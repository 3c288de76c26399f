package org.stowage.mount.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.stowage.api.repository.SnapshotInfo;

/**
 * The folders a mount shows above the snapshots' own content, laid out as {@code restic mount} does:
 * <pre>
 * ids/&lt;short id&gt;/…                 each snapshot's content, from its root
 * snapshots/&lt;time&gt; → ../ids/&lt;id&gt;    one link per snapshot, named by its time; latest → the newest
 * hosts/&lt;host&gt;/&lt;time&gt;, tags/&lt;tag&gt;/&lt;time&gt;  the same links, grouped
 * </pre>
 * Two snapshots of the same second are told apart by a {@code -1}, {@code -2} suffix in time order. Immutable: a
 * new layout is built when the snapshots change.
 */
final class MountLayout {

    /** What a path of the mount is. */
    sealed interface Entry permits Folder, Link, InSnapshot {
    }

    /** A folder of the layout itself, with its children's names in listing order. */
    record Folder(List<String> children) implements Entry {
    }

    /** A symbolic link, with its target relative to the link's folder. */
    record Link(String target) implements Entry {
    }

    /** A path inside a snapshot's content ("/" for its root). */
    record InSnapshot(String snapshotId, String path) implements Entry {
    }

    static final String IDS = "ids";
    private static final List<String> TOP = List.of(IDS, "snapshots", "hosts", "tags");
    private static final String LATEST = "latest";

    private final Map<String, String> idsByShortId = new TreeMap<>();
    private final Map<String, String> shortIdsByTime = new TreeMap<>();
    private final Map<String, Map<String, String>> byHost = new TreeMap<>();
    private final Map<String, Map<String, String>> byTag = new TreeMap<>();
    /** The name of the newest snapshot's link, or null when there is none. */
    private String newest;

    MountLayout(List<SnapshotInfo> snapshots, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(zone);
        List<SnapshotInfo> byTime = new ArrayList<>(snapshots);
        byTime.sort(Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id));
        Map<String, Integer> seen = new HashMap<>();
        for (SnapshotInfo snapshot : byTime) {
            String time = format.format(snapshot.time());
            int repeat = seen.merge(time, 1, Integer::sum) - 1;
            String name = repeat == 0 ? time : time + "-" + repeat;
            idsByShortId.put(snapshot.shortId(), snapshot.id());
            shortIdsByTime.put(name, snapshot.shortId());
            newest = name;
            byHost.computeIfAbsent(folderName(snapshot.host()), h -> new TreeMap<>()).put(name, snapshot.shortId());
            for (String tag : snapshot.tags()) {
                byTag.computeIfAbsent(folderName(tag), t -> new TreeMap<>()).put(name, snapshot.shortId());
            }
        }
    }

    /** What {@code path} ('/'-separated, from the mount's root) is, or null if the mount has no such path. */
    Entry resolve(String path) {
        List<String> names = names(path);
        if (names.isEmpty()) {
            return new Folder(TOP);
        }
        return switch (names.get(0)) {
            case IDS -> ids(names);
            case "snapshots" -> links(shortIdsByTime, names, 1, newest);
            case "hosts" -> grouped(byHost, names);
            case "tags" -> grouped(byTag, names);
            default -> null;
        };
    }

    private Entry ids(List<String> names) {
        if (names.size() == 1) {
            return new Folder(List.copyOf(idsByShortId.keySet()));
        }
        String id = idsByShortId.get(names.get(1));
        return id == null ? null : new InSnapshot(id, "/" + String.join("/", names.subList(2, names.size())));
    }

    private Entry grouped(Map<String, Map<String, String>> groups, List<String> names) {
        if (names.size() == 1) {
            return new Folder(List.copyOf(groups.keySet()));
        }
        Map<String, String> group = groups.get(names.get(1));
        return group == null ? null : links(group, names, 2, null);
    }

    /**
     * A folder of time-named links at depth {@code depth}, or one of its links; with a {@code latest} link to the
     * link named {@code newest} unless that is null.
     */
    private static Entry links(Map<String, String> shortIdsByName, List<String> names, int depth, String newest) {
        String up = "../".repeat(depth);
        if (names.size() == depth) {
            List<String> children = new ArrayList<>(shortIdsByName.keySet());
            if (newest != null) {
                children.add(LATEST);
            }
            return new Folder(children);
        }
        if (names.size() > depth + 1) {
            return null; // the links are resolved by the kernel; nothing lies below them here
        }
        String name = names.get(depth);
        if (newest != null && name.equals(LATEST)) {
            return new Link(newest);
        }
        String shortId = shortIdsByName.get(name);
        return shortId == null ? null : new Link(up + IDS + "/" + shortId);
    }

    /** A host or tag as one path element: '/' cannot be in a name, and "", "." and ".." are no names. */
    private static String folderName(String value) {
        String name = value == null || value.isEmpty() ? "(none)" : value.replace('/', '_');
        return name.equals(".") || name.equals("..") ? "_" + name : name;
    }

    static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        return names;
    }
}
