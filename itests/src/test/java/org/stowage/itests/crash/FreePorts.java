package org.stowage.itests.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports no process listens on right now, so that a Karaf copy never clashes with another one on this machine. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} distinct free loopback ports. They are free when this returns; another process may take one
     * before Karaf binds it, which then fails its start (the harness names the log to read).
     */
    static int[] pick(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free loopback ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close probe socket on port " + socket.getLocalPort(), e);
                }
            }
        }
    }
}
