package org.stowage.routing.internal.component;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.StowageException;
import org.stowage.routing.internal.OptionLists;

/**
 * {@code stowage:restore}: with {@code target}, the snapshot (or its includes) below that folder, the
 * {@link RestoreResult} as the body, failing when an item could not be restored; without it, the one file
 * {@code snapshotPath} names as a streamed body ({@link DumpStream}), with {@code CamelFileName} set to its name so
 * that a {@code file:} endpoint writes it under that name.
 */
final class RestoreOperation {

    private static final int FAILURES_SHOWN = 5;

    private final StowageEndpoint endpoint;
    private final StowageConfiguration config;
    private final StowageServices services;
    private final ExecutorService dumpers;

    RestoreOperation(StowageEndpoint endpoint, ExecutorService dumpers) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.services = endpoint.services();
        this.dumpers = dumpers;
    }

    void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String snapshot = in.getHeader(StowageConstants.SNAPSHOT_ID, config.getSnapshot(), String.class);
        String path = in.getHeader(StowageConstants.SNAPSHOT_PATH, config.getSnapshotPath(), String.class);
        if (config.getTarget() == null) {
            if (path == null) {
                throw new IllegalArgumentException(endpoint.getEndpointUri() + ": set target (a folder to restore "
                        + "into) or snapshotPath (one file to stream as the body)");
            }
            in.setBody(DumpStream.start(services.snapshots(), snapshot, path, dumpers));
            in.setHeader(Exchange.FILE_NAME, Path.of(path).getFileName().toString());
            in.setHeader(StowageConstants.SNAPSHOT_ID, snapshot);
            return;
        }
        RestoreResult result = services.restore().restore(new RestoreRequest(snapshot, Path.of(config.getTarget()),
                List.copyOf(OptionLists.split(config.getIncludes())), List.of(), overwrite(), config.isVerify()),
                ProgressListener.NONE);
        if (!result.isComplete()) {
            throw new StowageException("restore of snapshot " + snapshot + " to " + config.getTarget() + ": "
                    + result.failures().size() + " items failed: " + String.join("; ",
                    result.failures().subList(0, Math.min(FAILURES_SHOWN, result.failures().size())))
                    + "; the rest was restored. Fix the cause and restore again (overwrite=if-changed skips what is "
                    + "already there)");
        }
        in.setBody(result);
    }

    private RestoreRequest.Overwrite overwrite() {
        String value = config.getOverwrite().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return RestoreRequest.Overwrite.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": overwrite=" + config.getOverwrite()
                    + " is not one of always, if-changed, never", e);
        }
    }
}
