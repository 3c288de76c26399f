package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.engine.internal.nbd.NbdExport;
import org.stowage.engine.internal.nbd.NbdServer;

/**
 * The volumes exported over NBD: one {@link VolumeTracker} per exported volume, one {@link NbdServer} per listening
 * address (volumes configured with the same address share it and are told apart by export name). A server with no
 * export left is closed, so nothing listens without need. The tracking state of volume {@code v} lives in
 * {@code <stateRoot>/v}. Thread-safe (one lock: exports change rarely).
 */
public final class VolumeExports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeExports.class);

    private final Path stateRoot;
    private final Map<String, VolumeTracker> trackers = new HashMap<>();
    private final Map<String, InetSocketAddress> addresses = new HashMap<>();
    private final Map<InetSocketAddress, NbdServer> servers = new HashMap<>();

    public VolumeExports(Path stateRoot) {
        this.stateRoot = stateRoot;
    }

    /** Exports {@code volume} (idempotent); returns {@code host:port/name}. */
    public synchronized String export(VolumeDefinition volume) throws IOException {
        if (!trackers.containsKey(volume.name())) {
            NbdServer server = servers.get(volume.export());
            boolean started = server == null;
            if (started) {
                server = NbdServer.start(volume.export());
                if (!volume.export().getAddress().isLoopbackAddress()) {
                    LOG.warn("NBD exports on {} are reachable from other hosts, without authentication or TLS:"
                            + " whoever reaches the port reads and writes the volume; keep export.address on"
                            + " 127.0.0.1 unless the network is trusted", volume.export());
                }
            }
            VolumeTracker tracker;
            try {
                tracker = VolumeTracker.open(volume.name(), volume.path(), volume.blockSize(), stateDir(volume.name()));
            } catch (IOException | RuntimeException e) {
                if (started) {
                    server.close();
                }
                throw e;
            }
            servers.put(volume.export(), server);
            server.add(asExport(tracker));
            trackers.put(volume.name(), tracker);
            addresses.put(volume.name(), volume.export());
        }
        return describe(volume.name());
    }

    /** Ends the export of {@code name}: its connections close, its tracking is checkpointed. Idempotent. */
    public synchronized void unexport(String name) throws IOException {
        VolumeTracker tracker = trackers.remove(name);
        if (tracker == null) {
            return;
        }
        InetSocketAddress address = addresses.remove(name);
        NbdServer server = servers.get(address);
        server.remove(name);
        if (server.names().isEmpty()) {
            servers.remove(address).close();
        }
        tracker.close();
    }

    public synchronized Optional<VolumeTracker> tracker(String name) {
        return Optional.ofNullable(trackers.get(name));
    }

    /** {@code host:port/name} of an exported volume, or null. */
    public synchronized String describe(String name) {
        InetSocketAddress address = addresses.get(name);
        if (address == null) {
            return null;
        }
        NbdServer server = servers.get(address);
        return server.address().getHostString() + ":" + server.port() + "/" + name;
    }

    Path stateDir(String name) {
        return stateRoot.resolve(name);
    }

    private static NbdExport asExport(VolumeTracker tracker) {
        return new NbdExport() {
            @Override
            public String name() {
                return tracker.name();
            }

            @Override
            public long size() {
                return tracker.size();
            }

            @Override
            public void read(long offset, ByteBuffer into) throws IOException {
                tracker.read(offset, into);
            }

            @Override
            public void write(long offset, ByteBuffer data) throws IOException {
                tracker.write(offset, data);
            }

            @Override
            public void flush() throws IOException {
                tracker.flush();
            }
        };
    }

    /** Ends every export. */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        for (String name : trackers.keySet().toArray(String[]::new)) {
            try {
                unexport(name);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
