package org.stowage.engine.internal.nbd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small NBD server (newstyle, fixed) for Stowage's volume exports. It listens on one address, by default
 * 127.0.0.1 (an export is a writable disk: anyone who reaches the port can read and change it, so it is never bound
 * wider unless the operator configures an address), serves every export added to it, and runs one thread per
 * connection. Removing an export closes its connections. Thread-safe.
 */
public final class NbdServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NbdServer.class);

    private final ServerSocketChannel listener;
    private final Map<String, NbdExport> exports = new ConcurrentHashMap<>();
    private final Set<NbdSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private NbdServer(ServerSocketChannel listener) {
        this.listener = listener;
        this.acceptor = new Thread(this::accept, "stowage-nbd-accept-" + port());
        acceptor.setDaemon(true);
    }

    /** Listens on {@code address} (port 0: any free port, see {@link #port()}). */
    public static NbdServer start(InetSocketAddress address) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen for NBD on " + address + ": " + e.getMessage()
                    + "; choose another export.port or export.address", e);
        }
        NbdServer server = new NbdServer(channel);
        server.acceptor.start();
        LOG.info("NBD server listening on {}", channel.socket().getLocalSocketAddress());
        return server;
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    public void add(NbdExport export) {
        exports.put(export.name(), export);
    }

    /** Stops serving {@code name} and closes its connections; a client sees its connection drop. */
    public void remove(String name) {
        NbdExport gone = exports.remove(name);
        for (NbdSession s : List.copyOf(sessions)) {
            if (gone != null && s.export() == gone) {
                closeQuietly(s);
            }
        }
    }

    public Set<String> names() {
        return Set.copyOf(exports.keySet());
    }

    NbdExport export(String name) {
        return exports.get(name);
    }

    /** Connections open now. */
    public int connections() {
        return sessions.size();
    }

    boolean closed() {
        return closed;
    }

    void ended(NbdSession session) {
        sessions.remove(session);
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel ch = listener.accept();
                ch.socket().setTcpNoDelay(true);
                NbdSession session = new NbdSession(ch, this);
                sessions.add(session);
                Thread t = new Thread(session, "stowage-nbd-" + threads.incrementAndGet());
                t.setDaemon(true);
                t.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("NBD server on port {} could not accept a connection: {}", port(), e.toString());
                }
            }
        }
    }

    private static void closeQuietly(NbdSession s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing an NBD connection: {}", e.toString());
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sessions.forEach(NbdServer::closeQuietly);
    }
}
