package org.stowage.web.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotInfo;

/**
 * Snapshots: list with filters and paging, one snapshot, a folder of its tree (paged, so that a folder of 100,000
 * entries does not travel at once), the diff of two, and a search. Restore and download are in
 * {@link RestoreEndpoints}.
 */
final class SnapshotEndpoints {

    private final StowageServices services;

    SnapshotEndpoints(StowageServices services) {
        this.services = services;
    }

    void register(Router router) {
        router.add("GET", "/snapshots", Role.VIEWER, this::list)
                .add("GET", "/snapshots/{id}", Role.VIEWER, c -> services.snapshots().snapshot(c.param("id")))
                .add("GET", "/snapshots/{id}/tree", Role.VIEWER, this::tree)
                .add("GET", "/snapshots/{id}/diff", Role.VIEWER, this::diff)
                .add("GET", "/find", Role.VIEWER, this::find);
    }

    /** Newest first; filters tag, host, path (a backed-up path), since (ISO instant); offset and limit page. */
    private Object list(Call call) {
        String tag = call.query("tag", null);
        String host = call.query("host", null);
        String path = call.query("path", null);
        Instant since = instant(call.query("since", null));
        Stream<SnapshotInfo> stream = services.snapshots().snapshots().stream()
                .sorted(Comparator.comparing(SnapshotInfo::time).reversed());
        List<SnapshotInfo> matching = stream
                .filter(s -> tag == null || s.tags().contains(tag))
                .filter(s -> host == null || host.equals(s.host()))
                .filter(s -> path == null || s.paths().contains(path))
                .filter(s -> since == null || !s.time().isBefore(since))
                .toList();
        return page(call, matching, 100, 1000);
    }

    private Object tree(Call call) {
        String path = call.query("path", "/");
        List<NodeInfo> children = services.snapshots().list(call.param("id"), path, false).stream()
                .sorted(Comparator.comparing((NodeInfo n) -> n.type() != NodeInfo.Type.DIR)
                        .thenComparing(NodeInfo::path))
                .toList();
        Map<String, Object> page = page(call, children, 500, 5000);
        page.put("path", path);
        return page;
    }

    private Object diff(Call call) {
        return services.snapshots().diff(call.param("id"), call.requiredQuery("to", "latest"));
    }

    private Object find(Call call) {
        String pattern = call.requiredQuery("pattern", "*.conf");
        String snapshot = call.query("snapshot", null);
        return page(call, services.snapshots().find(pattern, snapshot == null ? List.of() : List.of(snapshot)),
                200, 5000);
    }

    /** {@code {total, offset, limit, items}} of one page of {@code all}. */
    static Map<String, Object> page(Call call, List<?> all, int defaultLimit, int maxLimit) {
        int offset = call.intQuery("offset", 0, 0, Integer.MAX_VALUE);
        int limit = call.intQuery("limit", defaultLimit, 1, maxLimit);
        int from = Math.min(offset, all.size());
        List<?> items = all.subList(from, (int) Math.min(all.size(), (long) from + limit));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", all.size());
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("items", items);
        return page;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + text + "' is not an ISO instant; write e.g. 2026-03-01T00:00:00Z");
        }
    }
}
