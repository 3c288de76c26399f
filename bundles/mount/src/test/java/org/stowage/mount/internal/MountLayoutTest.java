package org.stowage.mount.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.mount.internal.MountLayout.Folder;
import org.stowage.mount.internal.MountLayout.InSnapshot;
import org.stowage.mount.internal.MountLayout.Link;

class MountLayoutTest {

    private static SnapshotInfo snapshot(String id, String time, String host, String... tags) {
        return new SnapshotInfo(id, Instant.parse(time), host, List.of("/data"), Set.of(tags), null, null, null);
    }

    private final MountLayout layout = new MountLayout(List.of(
            snapshot("bbbbbbbb22", "2026-12-01T10:00:00.700Z", "web/1", "daily"),
            snapshot("aaaaaaaa11", "2026-12-01T10:00:00.100Z", "db", "daily", "pre-upgrade"),
            snapshot("cccccccc33", "2026-12-02T08:30:00Z", "db")), ZoneOffset.UTC);

    @Test
    void theRootAndTheIdsFolderListWhatIsThere() {
        assertEquals(new Folder(List.of("ids", "snapshots", "hosts", "tags")), layout.resolve("/"));
        assertEquals(new Folder(List.of("aaaaaaaa", "bbbbbbbb", "cccccccc")), layout.resolve("/ids"));
        assertEquals(new InSnapshot("aaaaaaaa11", "/"), layout.resolve("/ids/aaaaaaaa"));
        assertEquals(new InSnapshot("cccccccc33", "/data/x/y.txt"), layout.resolve("/ids/cccccccc/data/x/y.txt"));
        assertNull(layout.resolve("/ids/dddddddd"));
        assertNull(layout.resolve("/other"));
    }

    @Test
    void snapshotsAreLinksNamedByTimeWithASuffixForTheSameSecondAndALatestLink() {
        assertEquals(new Folder(List.of("2026-12-01T10:00:00", "2026-12-01T10:00:00-1", "2026-12-02T08:30:00",
                "latest")), layout.resolve("/snapshots"));
        assertEquals(new Link("../ids/aaaaaaaa"), layout.resolve("/snapshots/2026-12-01T10:00:00"),
                "the earlier of the two in the same second has no suffix");
        assertEquals(new Link("../ids/bbbbbbbb"), layout.resolve("/snapshots/2026-12-01T10:00:00-1"));
        assertEquals(new Link("2026-12-02T08:30:00"), layout.resolve("/snapshots/latest"));
        assertNull(layout.resolve("/snapshots/2026-12-01T10:00:00/data"), "the kernel follows the link itself");
        assertNull(layout.resolve("/snapshots/2020-01-01T00:00:00"));
    }

    @Test
    void hostsAndTagsGroupTheSameLinks() {
        assertEquals(new Folder(List.of("db", "web_1")), layout.resolve("/hosts"), "a '/' cannot be in a name");
        assertEquals(new Folder(List.of("2026-12-01T10:00:00", "2026-12-02T08:30:00")), layout.resolve("/hosts/db"));
        assertEquals(new Link("../../ids/cccccccc"), layout.resolve("/hosts/db/2026-12-02T08:30:00"));
        assertEquals(new Folder(List.of("daily", "pre-upgrade")), layout.resolve("/tags"));
        assertEquals(new Folder(List.of("2026-12-01T10:00:00", "2026-12-01T10:00:00-1")),
                layout.resolve("/tags/daily"));
        assertEquals(new Link("../../ids/bbbbbbbb"), layout.resolve("/tags/daily/2026-12-01T10:00:00-1"));
        assertNull(layout.resolve("/tags/weekly"));
    }

    @Test
    void anEmptyRepositoryShowsEmptyFoldersAndNoLatest() {
        MountLayout empty = new MountLayout(List.of(), ZoneOffset.UTC);
        assertEquals(new Folder(List.of()), empty.resolve("/snapshots"));
        assertNull(empty.resolve("/snapshots/latest"));
        assertEquals(new Folder(List.of()), empty.resolve("/tags"));
    }
}
