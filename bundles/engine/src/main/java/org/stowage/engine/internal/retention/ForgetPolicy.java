package org.stowage.engine.internal.retention;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.stowage.api.repository.RetentionPolicy;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Decides which snapshots a {@link RetentionPolicy} keeps, with restic's semantics: snapshots are grouped by host
 * and paths; in each group, newest first, "last n" keeps the n newest, and each calendar rule (hourly, daily, ISO
 * weekly, monthly, yearly) keeps the newest snapshot of each of the n most recent buckets that hold a snapshot.
 * A snapshot kept by any rule is kept. Buckets are computed in {@code zone}. Immutable and thread-safe.
 */
public final class ForgetPolicy {

    private final RetentionPolicy policy;
    private final ZoneId zone;

    public ForgetPolicy(RetentionPolicy policy, ZoneId zone) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** What to keep and what to remove; each list oldest first. */
    public record Decision(List<SnapshotRecord> keep, List<SnapshotRecord> remove) {
    }

    public Decision decide(List<SnapshotRecord> snapshots) {
        Map<String, List<SnapshotRecord>> groups = new LinkedHashMap<>();
        for (SnapshotRecord s : snapshots) {
            groups.computeIfAbsent(groupKey(s), k -> new ArrayList<>()).add(s);
        }
        List<SnapshotRecord> keep = new ArrayList<>();
        List<SnapshotRecord> remove = new ArrayList<>();
        for (List<SnapshotRecord> group : groups.values()) {
            decideGroup(group, keep, remove);
        }
        Comparator<SnapshotRecord> oldestFirst = Comparator.comparing((SnapshotRecord r) -> r.snapshot().time())
                .thenComparing(SnapshotRecord::id);
        keep.sort(oldestFirst);
        remove.sort(oldestFirst);
        return new Decision(keep, remove);
    }

    static String groupKey(SnapshotRecord s) {
        List<String> paths = new ArrayList<>(s.snapshot().paths());
        paths.sort(null);
        return s.snapshot().host() + "\0" + String.join("\0", paths);
    }

    private void decideGroup(List<SnapshotRecord> group, List<SnapshotRecord> keep, List<SnapshotRecord> remove) {
        List<SnapshotRecord> newestFirst = new ArrayList<>(group);
        newestFirst.sort(Comparator.comparing((SnapshotRecord r) -> r.snapshot().time()).reversed()
                .thenComparing(SnapshotRecord::id));
        List<Rule> rules = List.of(
                new Rule(policy.last(), t -> null),
                new Rule(policy.hourly(), t -> t.getYear() * 1_000_000L + t.getDayOfYear() * 100L + t.getHour()),
                new Rule(policy.daily(), t -> t.getYear() * 1000L + t.getDayOfYear()),
                new Rule(policy.weekly(), t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L
                        + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Rule(policy.monthly(), t -> t.getYear() * 100L + t.getMonthValue()),
                new Rule(policy.yearly(), t -> (long) t.getYear()));
        for (SnapshotRecord s : newestFirst) {
            ZonedDateTime time = s.snapshot().time().atZone(zone);
            boolean kept = false;
            for (Rule rule : rules) {
                kept |= rule.offer(time);
            }
            (kept ? keep : remove).add(s);
        }
    }

    /** One rule's state while walking a group newest first. Not thread-safe. */
    private static final class Rule {
        private final Function<ZonedDateTime, Long> bucket;
        private int left;
        private Long lastBucket;
        private boolean any;

        Rule(int count, Function<ZonedDateTime, Long> bucket) {
            this.left = count;
            this.bucket = bucket;
        }

        /** Whether this rule keeps the snapshot at {@code time} (the next one, newest first). */
        boolean offer(ZonedDateTime time) {
            if (left <= 0) {
                return false;
            }
            Long b = bucket.apply(time);
            if (b != null && any && b.equals(lastBucket)) {
                return false; // a newer snapshot already holds this bucket
            }
            any = true;
            lastBucket = b;
            left--;
            return true;
        }
    }
}
