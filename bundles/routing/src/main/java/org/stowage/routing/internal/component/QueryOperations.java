package org.stowage.routing.internal.component;

import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.routing.internal.OptionLists;

/**
 * {@code stowage:snapshots} (a {@code List<SnapshotInfo>}, oldest first, narrowed by {@code tags} and {@code host})
 * and {@code stowage:ls} (a {@code List<NodeInfo>} of a snapshot below a path). Read-only.
 */
final class QueryOperations {

    private final StowageEndpoint endpoint;
    private final StowageConfiguration config;

    QueryOperations(StowageEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    void snapshots(Exchange exchange) {
        Set<String> tags = OptionLists.split(config.getTags());
        String host = config.getHost();
        List<SnapshotInfo> snapshots = endpoint.services().snapshots().snapshots().stream()
                .filter(s -> s.tags().containsAll(tags))
                .filter(s -> host == null || host.equals(s.host()))
                .toList();
        exchange.getMessage().setBody(snapshots);
    }

    void ls(Exchange exchange) {
        Message in = exchange.getMessage();
        String snapshot = in.getHeader(StowageConstants.SNAPSHOT_ID, config.getSnapshot(), String.class);
        String path = in.getHeader(StowageConstants.SNAPSHOT_PATH, config.getSnapshotPath(), String.class);
        List<NodeInfo> entries = endpoint.services().snapshots().list(snapshot, path == null ? "/" : path,
                config.isRecursive());
        in.setBody(entries);
    }
}
