package org.stowage.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The distribution's defaults as a new user meets them, started by its own launcher scripts (Pax Exam starts Karaf
 * without them and without its SSH server): no fixed shell password but a random one generated at first start into
 * an owner-only {@code etc/users.properties}, which {@code bin/client} uses; the SSH server on loopback only and
 * without SFTP; the web console and API on loopback only, asking for a login; the repository password generated outside {@code data/} (which {@code bin/karaf clean} wipes), and
 * {@code stowage:init} saying where it is and to keep a copy.
 */
public class DefaultInstallIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);

    /** Everything this class unpacks; deleted at the end unless -Dstowage.itest.keepRuntime=true. */
    private static final Path FOLDER = Path.of("target", "default-install", Long.toString(System.nanoTime()))
            .toAbsolutePath();

    private static UnpackedKaraf karaf;

    @BeforeClass
    public static void unpackAndStart() throws Exception {
        karaf = UnpackedKaraf.unpack(FOLDER.resolve("karaf"));
        // this test creates the repository itself (stowage:init), and needs no start-up rehearsal
        karaf.setKey("etc/org.stowage.repository.cfg", "init", "manual");
        karaf.setKey("etc/org.stowage.repository.cfg", "warmup", "false");
        karaf.start(BOOT_TIMEOUT);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            karaf.stop();
        }
        UnpackedKaraf.deleteUnlessKept(FOLDER);
    }

    @Test
    public void theShellPasswordIsRandomOwnerOnlyAndNamedAtFirstStart() throws Exception {
        Path users = karaf.home().resolve("etc/users.properties");
        Map<String, String> passwords = passwords(users);
        assertEquals("users of etc/users.properties", List.of("karaf"), List.copyOf(passwords.keySet()));
        String password = passwords.get("karaf");
        assertNotEquals("the karaf user still has the fixed password 'karaf'", "karaf", password);
        assertTrue("the generated password is too short for 128 bits: " + password.length() + " characters",
                password.length() >= 32);
        assertEquals("permissions of " + users, "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        String launcher = karaf.launcherOutput();
        assertTrue("the first start does not say where the shell password is:\n" + launcher,
                launcher.contains(users.toString()));
        assertFalse("the launcher printed the password", launcher.contains(password));

        // another installation gets another password
        Path other = Files.createDirectories(FOLDER.resolve("other"));
        UnpackedKaraf.run(List.of("tar", "-xzf", UnpackedKaraf.assembly().toString(), "-C", other.toString(),
                "--strip-components=1", "--wildcards", "*/bin/setenv", "*/etc/users.properties"), other);
        // what the launcher scripts do first: source bin/setenv with DIRNAME set to bin/
        UnpackedKaraf.run(List.of("sh", "-c", "DIRNAME=\"$1/bin\"; . \"$1/bin/setenv\"", "sh", other.toString()),
                other);
        String otherPassword = passwords(other.resolve("etc/users.properties")).get("karaf");
        assertTrue("the other installation got no password", otherPassword != null && otherPassword.length() >= 32);
        assertNotEquals("two installations got the same shell password", password, otherPassword);
    }

    @Test
    public void setenvAddsTheMemoryOptionsTheOperatorLeftUnset() throws Exception {
        String defaults = javaOptionsAfterSetenv("");
        for (String option : List.of("-Xmx384m", "-Xms96m", "-XX:MaxDirectMemorySize=256m",
                "-XX:G1PeriodicGCInterval=10000", "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5",
                "-XX:MaxNewSize=64m")) {
            assertTrue("bin/setenv did not add " + option + ": " + defaults, defaults.contains(option));
        }

        String operators = javaOptionsAfterSetenv("-Xms32m -Xmn24m");
        assertTrue(operators, operators.contains("-Xms32m") && operators.contains("-Xmn24m"));
        assertFalse("bin/setenv overrode the operator's -Xms: " + operators, operators.contains("-Xms96m"));
        assertFalse("bin/setenv overrode the operator's -Xmn: " + operators, operators.contains("MaxNewSize"));
        assertTrue("bin/setenv left out what the operator did not set: " + operators, operators.contains("-Xmx384m"));
    }

    /**
     * EXTRA_JAVA_OPTS after the distribution's bin/setenv is sourced with the operator's {@code extraJavaOpts} (and
     * what setenv printed besides, if anything).
     */
    private static String javaOptionsAfterSetenv(String extraJavaOpts) throws IOException, InterruptedException {
        return UnpackedKaraf.run(List.of("sh", "-c",
                "DIRNAME=\"$1/bin\"; . \"$1/bin/setenv\"; printf '%s' \"$EXTRA_JAVA_OPTS\"", "sh",
                karaf.home().toString()), karaf.home(), Map.of("JAVA_OPTS", "", "EXTRA_JAVA_OPTS", extraJavaOpts));
    }

    @Test
    public void binClientLogsInWithTheGeneratedPasswordAndKarafKarafIsRefused() throws Exception {
        UnpackedKaraf.Result generated = karaf.client(List.of(), "shell:echo logged-in-as-generated");
        assertEquals("bin/client with the generated password:\n" + generated.output(), 0, generated.exitCode());
        assertTrue(generated.output(), generated.output().contains("logged-in-as-generated"));

        UnpackedKaraf.Result fixed = karaf.client(List.of("-u", "karaf", "-p", "karaf"),
                "shell:echo logged-in-as-fixed");
        assertFalse("karaf/karaf still logs in:\n" + fixed.output(), fixed.output().contains("logged-in-as-fixed"));
        assertNotEquals("bin/client -u karaf -p karaf succeeded:\n" + fixed.output(), 0, fixed.exitCode());
    }

    @Test
    public void sshListensOnLoopbackOnly() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), karaf.sshPort()), 5_000);
        }
        List<InetAddress> others = nonLoopbackAddresses();
        assumeFalse("this host has no address but loopback; cannot show that SSH ignores the others",
                others.isEmpty());
        for (InetAddress address : others) {
            try (Socket socket = new Socket()) {
                assertThrows("SSH accepts connections on " + address.getHostAddress(), ConnectException.class,
                        () -> socket.connect(new InetSocketAddress(address, karaf.sshPort()), 5_000));
            }
        }
    }

    @Test
    public void theWebConsoleListensOnLoopbackOnlyAndAsksForALogin() throws Exception {
        int port = Integer.parseInt(karaf.key("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/stowage/api/snapshots")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        List<InetAddress> others = nonLoopbackAddresses();
        assumeFalse("this host has no address but loopback; cannot show that HTTP ignores the others",
                others.isEmpty());
        for (InetAddress address : others) {
            try (Socket socket = new Socket()) {
                assertThrows("HTTP accepts connections on " + address.getHostAddress(), ConnectException.class,
                        () -> socket.connect(new InetSocketAddress(address, port), 5_000));
            }
        }
    }

    @Test
    public void sftpIsOff() throws Exception {
        String password = passwords(karaf.home().resolve("etc/users.properties")).get("karaf");
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            client.start();
            try (ClientSession session = client.connect("karaf", "127.0.0.1", karaf.sshPort())
                    .verify(SSH_TIMEOUT).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(SSH_TIMEOUT);
                IOException refused = assertThrows("SFTP is on: it serves the Karaf folder, etc/ and data/ included",
                        IOException.class, () -> {
                            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                                sftp.stat("etc/users.properties");
                            }
                        });
                assertFalse(String.valueOf(refused.getMessage()).contains(password));
            }
        }
    }

    @Test
    public void stowageInitKeepsThePasswordOutOfDataAndSaysToCopyIt() throws Exception {
        UnpackedKaraf.Result init = karaf.client(List.of(), "stowage:init");
        assertEquals("stowage:init failed:\n" + init.output(), 0, init.exitCode());
        Path passwordFile = karaf.home().resolve("etc/stowage/repository.password");
        assertTrue("no repository password at " + passwordFile, Files.isRegularFile(passwordFile));
        assertEquals("permissions of " + passwordFile, "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertFalse("a repository password below data/, which `bin/karaf clean` deletes",
                Files.exists(karaf.home().resolve("data/stowage/repository.password")));
        String output = init.output();
        assertTrue("stowage:init does not name the password file:\n" + output,
                output.contains(passwordFile.toString()));
        assertTrue("stowage:init does not say to keep a copy of the password:\n" + output,
                output.contains("KEEP A COPY"));
        assertFalse("stowage:init printed the password", output.contains(Files.readAllLines(passwordFile).get(0)));
        assertFalse("stowage:init warns about a password file that is owner-only:\n" + output,
                output.contains("chmod"));
    }

    /** User name to password of a users.properties file (the part before the roles). */
    private static Map<String, String> passwords(Path users) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String line : Files.readAllLines(users)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!") || trimmed.startsWith("_g_")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String value = trimmed.substring(equals + 1).trim();
            int comma = value.indexOf(',');
            passwords.put(trimmed.substring(0, equals).trim(), comma < 0 ? value : value.substring(0, comma).trim());
        }
        return passwords;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    // a link-local IPv6 address needs its scope to be dialled; the others show the same
                    if (!(address instanceof Inet6Address && address.isLinkLocalAddress())) {
                        addresses.add(address);
                    }
                }
            }
        }
        return addresses;
    }
}
