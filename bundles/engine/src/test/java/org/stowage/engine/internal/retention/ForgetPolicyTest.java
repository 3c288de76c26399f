package org.stowage.engine.internal.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

class ForgetPolicyTest {

    private static final BlobId TREE = BlobId.fromHex("00".repeat(32));

    @Test
    void lastKeepsTheNewest() {
        List<SnapshotRecord> all = daily("h", "/a", 10);
        ForgetPolicy.Decision d = decide("last=3", all);
        assertEquals(ids(all.subList(7, 10)), ids(d.keep()));
        assertEquals(ids(all.subList(0, 7)), ids(d.remove()));
    }

    @Test
    void dailyKeepsTheNewestOfEachOfTheLastDays() {
        List<SnapshotRecord> all = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            for (int hour : new int[] {3, 9, 21}) {
                all.add(snap("h", "/a", String.format("2024-03-%02dT%02d:00:00Z", day, hour)));
            }
        }
        ForgetPolicy.Decision d = decide("daily=3", all);
        assertEquals(List.of("2024-03-03T21:00:00Z", "2024-03-04T21:00:00Z", "2024-03-05T21:00:00Z"),
                times(d.keep()));
        assertEquals(12, d.remove().size());
    }

    @Test
    void weeklyUsesIsoWeeksAndSkipsEmptyWeeks() {
        // Sunday 2024-03-10 and Monday 2024-03-11 are in different ISO weeks; no snapshot in the week of 03-18
        List<SnapshotRecord> all = List.of(
                snap("h", "/a", "2024-03-04T10:00:00Z"), snap("h", "/a", "2024-03-10T10:00:00Z"),
                snap("h", "/a", "2024-03-11T10:00:00Z"), snap("h", "/a", "2024-03-15T10:00:00Z"),
                snap("h", "/a", "2024-03-27T10:00:00Z"));
        ForgetPolicy.Decision d = decide("weekly=3", all);
        assertEquals(List.of("2024-03-10T10:00:00Z", "2024-03-15T10:00:00Z", "2024-03-27T10:00:00Z"),
                times(d.keep()));
    }

    @Test
    void rulesCombineAndAnyRuleKeeps() {
        List<SnapshotRecord> all = List.of(
                snap("h", "/a", "2022-06-01T00:00:00Z"), snap("h", "/a", "2023-01-15T00:00:00Z"),
                snap("h", "/a", "2023-12-31T23:00:00Z"), snap("h", "/a", "2024-01-20T00:00:00Z"),
                snap("h", "/a", "2024-02-10T00:00:00Z"), snap("h", "/a", "2024-02-11T00:00:00Z"));
        ForgetPolicy.Decision d = decide("last=1,monthly=2,yearly=3", all);
        assertEquals(List.of("2022-06-01T00:00:00Z", "2023-12-31T23:00:00Z", "2024-01-20T00:00:00Z",
                "2024-02-11T00:00:00Z"), times(d.keep()));
        assertEquals(List.of("2023-01-15T00:00:00Z", "2024-02-10T00:00:00Z"), times(d.remove()));
    }

    @Test
    void hourlyBucketsByHour() {
        List<SnapshotRecord> all = List.of(snap("h", "/a", "2024-03-01T10:05:00Z"),
                snap("h", "/a", "2024-03-01T10:55:00Z"), snap("h", "/a", "2024-03-01T11:01:00Z"));
        assertEquals(List.of("2024-03-01T10:55:00Z", "2024-03-01T11:01:00Z"), times(decide("hourly=5", all).keep()));
    }

    @Test
    void groupsByHostAndPaths() {
        List<SnapshotRecord> all = new ArrayList<>();
        all.addAll(daily("h1", "/a", 3));
        all.addAll(daily("h2", "/a", 3));
        all.addAll(daily("h1", "/b", 3));
        ForgetPolicy.Decision d = decide("last=1", all);
        assertEquals(3, d.keep().size());
        assertEquals(Set.of("h1/a", "h2/a", "h1/b"), Set.copyOf(d.keep().stream()
                .map(r -> r.snapshot().host() + r.snapshot().paths().get(0)).toList()));
    }

    private static ForgetPolicy.Decision decide(String policy, List<SnapshotRecord> all) {
        return new ForgetPolicy(RetentionPolicy.parse(policy), ZoneOffset.UTC).decide(all);
    }

    private static List<SnapshotRecord> daily(String host, String path, int days) {
        List<SnapshotRecord> out = new ArrayList<>();
        for (int i = 1; i <= days; i++) {
            out.add(snap(host, path, String.format("2024-01-%02dT12:00:00Z", i)));
        }
        return out;
    }

    private static SnapshotRecord snap(String host, String path, String time) {
        Snapshot s = new Snapshot(Instant.parse(time), host, "u", List.of(path), Set.of(), null, TREE, null, null);
        return new SnapshotRecord(host + path + time, s);
    }

    private static List<String> ids(List<SnapshotRecord> records) {
        return records.stream().map(SnapshotRecord::id).toList();
    }

    private static List<String> times(List<SnapshotRecord> records) {
        return records.stream().map(r -> r.snapshot().time().toString()).toList();
    }
}
