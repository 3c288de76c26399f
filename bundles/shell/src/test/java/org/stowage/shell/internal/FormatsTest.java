package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotStats;

/** Modes, times and the JSON writer. */
class FormatsTest {

    @Test
    void modesLikeLs() {
        assertEquals("drwxr-xr-x", Modes.format(NodeInfo.Type.DIR, 0755));
        assertEquals("-rw-r-----", Modes.format(NodeInfo.Type.FILE, 0640));
        assertEquals("lrwxrwxrwx", Modes.format(NodeInfo.Type.SYMLINK, 0777));
    }

    @Test
    void timesInTheGivenZone() {
        assertEquals("2025-03-01 02:03:04", Times.format(Instant.parse("2025-03-01T01:03:04Z"), ZoneOffset.ofHours(1)));
        assertEquals("", Times.format(null));
    }

    @Test
    void jsonWritesInstantsAndDurationsAsIsoText() {
        SnapshotInfo s = new SnapshotInfo("ab".repeat(32), Instant.parse("2025-03-01T01:03:04Z"), "h",
                List.of("/srv"), Set.of("t"), null,
                new SnapshotStats(1, 2, 3, 4, 5, 6, 7, 8, 0, Duration.ofSeconds(90)), null);
        String json = Json.write(List.of(s));
        assertTrue(json.contains("\"time\" : \"2025-03-01T01:03:04Z\""), json);
        assertTrue(json.contains("\"duration\" : \"PT1M30S\""), json);
        assertTrue(json.contains("\"id\" : \"" + "ab".repeat(32) + "\""), json);
        assertTrue(json.contains("\"bytesStored\" : 8"), json);
    }

    @Test
    void jsonOfAPackagePrivateRecord() {
        DeviceRow row = new DeviceRow("local", "disk", "DISK", "RANDOM", "IDLE", "", 1.5, 0, 10, -1, 7);
        String json = Json.write(row);
        assertTrue(json.contains("\"id\" : \"local\"") && json.contains("\"freeBytes\" : -1")
                && json.contains("\"repositoryBytes\" : 7"), json);
    }
}
