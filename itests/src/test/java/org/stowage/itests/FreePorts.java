package org.stowage.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the servers the tests start (Karaf's SSH, RMI and HTTP ports, a volume's export). They are taken
 * below the kernel's ephemeral range: a port the kernel hands out for {@code bind(0)} may equally be handed to an
 * outgoing connection (an SSH client, a second Karaf starting beside the first) before the server binds it, which
 * once left a Karaf without its SSH server ("Address already in use") and the test waiting six minutes for its shell.
 * No port is given twice in one JVM. A port is free when it is given; another process may still take it.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 1_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** One free loopback port. */
    public static int pick() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = below > LOWEST ? ThreadLocalRandom.current().nextInt(LOWEST, below) : kernelsChoice();
            if (bindable(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port below " + below + " after " + ATTEMPTS + " attempts");
    }

    /** {@code count} distinct free loopback ports. */
    public static int[] pick(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = pick();
        }
        return ports;
    }

    /** The first port of net.ipv4.ip_local_port_range (Linux's default 32768 where it cannot be read). */
    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelsChoice() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
