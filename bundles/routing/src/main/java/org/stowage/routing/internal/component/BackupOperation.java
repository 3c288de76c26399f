package org.stowage.routing.internal.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.support.ConfigKeys;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.ReplicaSwitch;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StreamBackupRequest;
import org.stowage.routing.internal.OptionLists;

/**
 * {@code stowage:backup}: a configured job ({@code job=}), the {@code paths} (option or header), or else the message
 * body as one named file of a snapshot. The body is read as a stream (a file, an InputStream, a byte[], a String: what
 * Camel converts to an InputStream), never loaded whole. Out: the {@link SnapshotInfo} as the body, its id and stats as
 * headers. A snapshot that is not a job's is published as SNAPSHOT_SAVED (a job's run publishes its own events).
 */
final class BackupOperation {

    /** The name of a body's file when neither the option, the header nor the file name gives one (restic's). */
    static final String DEFAULT_NAME = "stdin";

    private final StowageEndpoint endpoint;
    private final StowageConfiguration config;
    private final StowageServices services;

    BackupOperation(StowageEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.services = endpoint.services();
    }

    void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        SnapshotInfo snapshot;
        if (config.getJob() != null) {
            snapshot = services.jobs().get().run(config.getJob()); // records, and publishes, the job's own events
        } else {
            String paths = in.getHeader(StowageConstants.PATHS, config.getPaths(), String.class);
            snapshot = paths != null ? backupPaths(paths) : backupBody(exchange);
            services.events().publish(StowageEventType.SNAPSHOT_SAVED, null, null, null, snapshot);
        }
        in.setBody(snapshot);
        in.setHeader(StowageConstants.SNAPSHOT_ID, snapshot.id());
        in.setHeader(StowageConstants.SNAPSHOT_STATS, snapshot.stats());
    }

    private SnapshotInfo backupPaths(String paths) {
        List<Path> list = new ArrayList<>();
        for (String path : OptionLists.split(paths)) {
            list.add(ConfigKeys.absolutePath(endpoint.getEndpointUri(), "paths", path));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": paths is empty; list absolute paths, "
                    + "comma-separated, or leave paths out to back up the message body");
        }
        List<Path> replicas = new ArrayList<>();
        for (String replica : OptionLists.split(config.getReplicas())) {
            replicas.add(ConfigKeys.absolutePath(endpoint.getEndpointUri(), "replicas", replica));
        }
        return services.backup().backup(new BackupRequest(list, config.getHost(), tags(), config.getParent(),
                placement(), null, replicas), replicas.isEmpty() ? ProgressListener.NONE : switches());
    }

    /** Publishes each replica switch of a backup from replicas as REPLICA_SWITCHED, from the backup's thread. */
    private ProgressListener switches() {
        return new ProgressListener() {
            @Override
            public void progress(Progress progress) {
            }

            @Override
            public void replicaSwitched(ReplicaSwitch change) {
                services.events().publish(StowageEventType.REPLICA_SWITCHED, null, null, change.reason(), change);
            }
        };
    }

    private SnapshotInfo backupBody(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        if (in.getBody() == null) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": nothing to back up: the body is empty "
                    + "and neither paths nor job is set");
        }
        StreamBackupRequest request = new StreamBackupRequest(fileName(in), config.getHost(), tags(), placement());
        InputStream content;
        try {
            content = in.getMandatoryBody(InputStream.class);
        } catch (InvalidPayloadException e) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": cannot read the body (a "
                    + in.getBody().getClass().getName() + ") as a stream; send a file, an InputStream, bytes or text",
                    e);
        }
        try (content) {
            return services.backup().backup(request, content, ProgressListener.NONE);
        }
    }

    private String fileName(Message in) {
        String name = in.getHeader(StowageConstants.FILE_NAME, String.class);
        if (name == null) {
            name = config.getFileName();
        }
        if (name == null) {
            name = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        return name == null || name.isBlank() ? DEFAULT_NAME : name;
    }

    private Set<String> tags() {
        return OptionLists.split(config.getTags());
    }

    private PlacementOverride placement() {
        List<String> devices = List.copyOf(OptionLists.split(config.getDevices()));
        devices.forEach(DeviceDescriptor::checkId);
        String selector = config.getSelector() == null || config.getSelector().isBlank() ? null
                : config.getSelector().trim();
        return new PlacementOverride(devices, selector, config.getCopies());
    }
}
