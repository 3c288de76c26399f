package org.stowage.selectors.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stowage.api.selector.NodeSelector.Candidate;

/**
 * Which sequential devices each stream is written to, so that a stream's packs follow each other on one tape and
 * the drive streams instead of repositioning between packs of different backups.
 *
 * <p>A stream keeps its devices as long as they can take its packs (candidates, not OFFLINE, room for the pack);
 * BUSY does not move it, since its packs then wait in staging and reach the tape later as one long run. A device
 * that cannot take the pack is replaced by the least loaded other sequential device: IDLE first, then the fewest
 * transfers queued, then the fewest streams pinned to it (two streams that start together go to different
 * drives), then the fastest. While no sequential device can take the stream's packs, its pin is kept unchanged, so
 * that it returns to its tape when the tape is back.
 *
 * <p>Memory is bounded: at most {@code maxStreams} streams are remembered, the least recently used one is forgotten
 * first. A stream name carries its run (e.g. {@code backup:nightly:<start>}), so a forgotten stream is one that has
 * ended, or one that was silent while {@code maxStreams} others wrote; the latter just picks a device again.
 *
 * <p>Thread-safe: {@link #order} is synchronized; it takes O(streams + devices) and waits for nothing else.
 */
final class StreamPins {

    private final Map<String, List<String>> pins;

    StreamPins(int maxStreams) {
        this.pins = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                return size() > maxStreams;
            }
        };
    }

    /**
     * The sequential devices for the stream's next pack, best first, and pins the first {@code copies} of them to
     * the stream.
     *
     * @param sequential the sequential devices that can take the pack
     * @param window     the moving-average window for the speed tie-break
     * @return every device of {@code sequential}: the stream's pinned devices that are among them, in pin order,
     *         then the others, least loaded first
     */
    synchronized List<Candidate> order(String stream, List<Candidate> sequential, int copies, int window) {
        List<String> pinned = pins.getOrDefault(stream, List.of());
        List<Candidate> ordered = new ArrayList<>(sequential.size());
        for (String id : pinned) {
            sequential.stream().filter(candidate -> candidate.id().equals(id)).findFirst().ifPresent(ordered::add);
        }
        Map<String, Integer> streams = streamsPerDevice(stream);
        sequential.stream().filter(candidate -> !ordered.contains(candidate))
                .sorted(Ranking.idleFirst()
                        .thenComparingInt((Candidate candidate) -> candidate.status().queueDepth())
                        .thenComparingInt(candidate -> streams.getOrDefault(candidate.id(), 0))
                        .thenComparing(Ranking.fastestFirst(window))
                        .thenComparing(Ranking.byId()))
                .forEach(ordered::add);
        if (!ordered.isEmpty()) {
            pins.put(stream, ordered.subList(0, Math.min(copies, ordered.size())).stream().map(Candidate::id).toList());
        }
        return ordered;
    }

    /** The devices pinned to the stream, empty when it is not remembered; does not count as a use. For tests. */
    synchronized List<String> pinned(String stream) {
        List<String> pinned = new ArrayList<>();
        pins.forEach((name, ids) -> {
            if (name.equals(stream)) {
                pinned.addAll(ids);
            }
        });
        return pinned;
    }

    /** How many streams are remembered; for tests. */
    synchronized int size() {
        return pins.size();
    }

    private Map<String, Integer> streamsPerDevice(String except) {
        Map<String, Integer> counts = new HashMap<>();
        pins.forEach((name, ids) -> {
            if (!name.equals(except)) {
                ids.forEach(id -> counts.merge(id, 1, Integer::sum));
            }
        });
        return counts;
    }
}
