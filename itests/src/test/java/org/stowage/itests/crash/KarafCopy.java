package org.stowage.itests.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.stowage.itests.FreePorts;

/**
 * One unpacked copy of the Stowage assembly, run as a child process with {@code bin/karaf run}: configured before
 * its first start, started, killed with SIGKILL, restarted on the same {@code data/} and {@code etc/}, stopped.
 *
 * <p>{@code bin/karaf} forks java and waits for it (its loop restarts the JVM on exit code 10), so a kill of the
 * script would leave Karaf running. The copy is started with {@code KARAF_EXEC=exec}, the script's own switch that
 * makes it exec java: the child process is the JVM, and {@link #kill()} checks that before it kills. Not thread-safe.
 *
 * <p>The copy has the disk device {@code local}; {@link #addDiskDevice} spreads its repository over more.
 */
final class KarafCopy implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final String DEVICE_SERVICES = "service:list org.stowage.api.device.Device";

    private final String name;
    private final Path home;
    private final int sshPort;
    private final Shell shell;
    private final List<String> deviceIds = new ArrayList<>(List.of("local"));
    private Process process;
    private Thread killOnExit;
    private int starts;

    private KarafCopy(String name, Path home, int sshPort, KarafLogin login) {
        this.name = name;
        this.home = home;
        this.sshPort = sshPort;
        this.shell = new Shell(home, sshPort, login, this::describe);
    }

    /**
     * Unpacks {@code assembly} (the tar.gz) into {@code home} and configures it: free ports, {@code login}, the disk
     * device {@code local} at {@code devicePath}, the repository password in {@code passwordFile} (created with a
     * random password on first use if missing), the repository created on first use or, without {@code autoInit},
     * only opened once another process has created it, no start-up rehearsal, and no log lines in shell sessions
     * (they would mix with command output; everything is in {@code data/log/karaf.log}).
     */
    static KarafCopy unpack(String name, Path assembly, Path home, KarafLogin login, Path devicePath,
                            Path passwordFile, boolean autoInit) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Processes.runOrFail(List.of("tar", "-xzf", assembly.toString(), "-C", home.toString(),
                "--strip-components=1"), home, Duration.ofMinutes(2));
        int[] ports = FreePorts.pick(3);
        Path etc = home.resolve("etc");
        CfgFile.set(etc.resolve("org.apache.karaf.shell.cfg"), Map.of("sshPort", ports[0], "sshHost", "127.0.0.1"));
        CfgFile.set(etc.resolve("org.apache.karaf.management.cfg"),
                Map.of("rmiRegistryPort", ports[1], "rmiServerPort", ports[2]));
        Path web = etc.resolve("org.ops4j.pax.web.cfg");
        if (Files.exists(web)) {
            CfgFile.set(web, Map.of("org.osgi.service.http.port", FreePorts.pick()));
        }
        CfgFile.set(etc.resolve("org.ops4j.pax.url.mvn.cfg"), Map.of("org.ops4j.pax.url.mvn.offline", "true"));
        CfgFile.set(etc.resolve("org.ops4j.pax.logging.cfg"),
                Map.of("log4j2.rootLogger.appenderRef.Console.filter.threshold.level", "OFF"));
        CfgFile.set(etc.resolve("org.stowage.device.disk-local.cfg"), Map.of("path", devicePath));
        CfgFile.set(etc.resolve("org.stowage.repository.cfg"),
                Map.of("password.file", passwordFile, "warmup", "false", "init", autoInit ? "auto" : "manual"));
        login.install(home);
        return new KarafCopy(name, home, ports[0], login);
    }

    /**
     * Before the first start: adds the disk device {@code id} at {@code path}, configured like the assembly's
     * {@code local} one (a copy of its {@code etc/org.stowage.device.disk-local.cfg} with another id and path), and
     * makes it a device of the repository, after the ones it has ({@code devices} in
     * {@code etc/org.stowage.repository.cfg}; no selector and one copy, so data packs go to {@code local}).
     */
    void addDiskDevice(String id, Path path) throws IOException {
        if (starts > 0) {
            throw new IllegalStateException(describe() + " has started: add devices before its first start");
        }
        Path etc = home.resolve("etc");
        Path cfg = etc.resolve("org.stowage.device.disk-" + id + ".cfg");
        Files.copy(etc.resolve("org.stowage.device.disk-local.cfg"), cfg);
        CfgFile.set(cfg, Map.of("device.id", id, "path", path));
        deviceIds.add(id);
        CfgFile.set(etc.resolve("org.stowage.repository.cfg"), Map.of("devices", String.join(", ", deviceIds)));
    }

    Shell shell() {
        return shell;
    }

    Path home() {
        return home;
    }

    /** Karaf's own log, the first place to read when a step of this copy fails. */
    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    String describe() {
        return "Karaf '" + name + "' (" + home + ", ssh port " + sshPort + ", log " + log() + ")";
    }

    /** Starts Karaf and waits until the Stowage shell commands answer with an open repository. */
    void start() throws IOException {
        launch();
        awaitReady();
    }

    /** Starts the Karaf process without waiting for it; {@link #awaitReady()} waits. */
    void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(describe() + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "run")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(home.resolve("karaf-run.out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("KARAF_EXEC", "exec");
        env.remove("JAVA_OPTS"); // Karaf's script uses its own defaults only when this is empty
        env.remove("KARAF_OPTS");
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        starts++;
        if (killOnExit == null) {
            // a test JVM that is stopped (Ctrl-C, surefire's timeout) takes its Karaf copies with it
            killOnExit = new Thread(() -> {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }, "kill " + name);
            Runtime.getRuntime().addShutdownHook(killOnExit);
        }
    }

    /** Waits until the Stowage shell commands answer with an open repository. */
    void awaitReady() {
        await("ssh port of " + describe()).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> requireAlive() && sshAnswers());
        if (deviceIds.size() > 1) {
            // the checks after a kill must see every device: a restore of a snapshot moved to copy-target fails
            // while that device's driver has not started yet. Wait for every device, as an operator's script would
            await("devices " + deviceIds + " of " + describe()).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> requireAlive() && devicesRegistered());
        }
        await("Stowage shell of " + describe()).atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> requireAlive() && shell.succeeds(StowageShell.READY_PROBE, Duration.ofMinutes(2)));
    }

    /** Whether a device service is registered for each id, asked without a Stowage command (none opens anything). */
    private boolean devicesRegistered() {
        Shell.Result services = shell.run(DEVICE_SERVICES, Duration.ofMinutes(2));
        return services.ok() && deviceIds.stream().allMatch(id -> Pattern.compile(
                "(?m)^\\s*device\\.id\\s*=\\s*" + Pattern.quote(id) + "\\s*$").matcher(services.output()).find());
    }

    private boolean requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(describe() + " exited with " + process.exitValue() + " during start " + starts
                    + "; see " + home.resolve("karaf-run.out") + " and the log");
        }
        return true;
    }

    private boolean sshAnswers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sshPort)) {
            return socket.isConnected();
        } catch (IOException notYet) {
            return false; // not listening yet: that is what is awaited
        }
    }

    /** The Karaf JVM (the child process itself, see the class comment), for a kill at a chosen moment. */
    ProcessHandle jvm() {
        return javaProcess();
    }

    /** Waits until the JVM, killed through {@link #jvm()}, has exited. */
    void awaitExit() throws InterruptedException {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(describe() + " did not exit within " + STOP_TIMEOUT + " of its kill");
        }
    }

    /** SIGKILL to the Karaf JVM, then waits until it is gone. */
    void kill() throws InterruptedException {
        ProcessHandle java = javaProcess();
        java.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("SIGKILL did not end " + describe() + " within " + STOP_TIMEOUT);
        }
    }

    /** Stops Karaf the ordinary way (SIGTERM: Karaf's shutdown hook stops the framework); kills it if it hangs. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError(describe() + " did not stop within " + STOP_TIMEOUT + " after SIGTERM; killed");
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    private ProcessHandle javaProcess() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(describe() + " is not running");
        }
        ProcessHandle child = process.toHandle();
        String command = child.info().command().orElse("");
        if (!command.endsWith("/java")) {
            throw new AssertionError(describe() + ": the child process " + child.pid() + " runs '" + command
                    + "', not java: bin/karaf did not exec java (KARAF_EXEC=exec), so a kill would miss the JVM");
        }
        return child;
    }

    /** Kills a copy that is still running: whatever failed, no Karaf outlives the harness. */
    @Override
    public void close() throws InterruptedException {
        if (isRunning()) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        if (killOnExit != null) {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            killOnExit = null;
        }
    }
}
