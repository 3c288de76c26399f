package org.stowage.itests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ops4j.pax.exam.MavenUtils;

/**
 * The distribution as a new user gets it: the assembly's tar.gz from the build's local Maven repository, unpacked
 * below {@code target/} and run with its own launcher scripts ({@code bin/karaf}, {@code bin/client}), which Pax Exam
 * does not use. Runs in the test JVM; needs {@code tar} and a POSIX shell.
 *
 * <p>Each instance gets free ports for its SSH server and JMX, so that it runs beside any other Karaf on the host.
 * Not thread-safe; one instance per test class.
 */
final class UnpackedKaraf {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int sshPort;
    private Process karaf;

    private UnpackedKaraf(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /** Unpacks the assembly into {@code home} (created, must be new) and moves its ports to free ones. */
    static UnpackedKaraf unpack(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home.getParent());
        Files.createDirectory(home);
        run(List.of("tar", "-xzf", assembly().toString(), "-C", home.toString(), "--strip-components=1"), home);
        int sshPort = FreePorts.pick();
        UnpackedKaraf karaf = new UnpackedKaraf(home, sshPort);
        karaf.setKey("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        karaf.setKey("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(FreePorts.pick()));
        karaf.setKey("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(FreePorts.pick()));
        karaf.setKey("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(FreePorts.pick()));
        return karaf;
    }

    /** The assembly this build installed, found the way Pax Exam's {@code versionAsInProject()} finds it. */
    static Path assembly() {
        String repository = System.getProperty("maven.repo.local");
        if (repository == null || repository.isBlank()) {
            throw new IllegalStateException("System property maven.repo.local is not set: run the integration tests "
                    + "through Maven (`mvn install`), whose surefire configuration passes the local repository");
        }
        String version = MavenUtils.getArtifactVersion("org.stowage", "stowage-karaf-assembly");
        Path file = Path.of(repository, "org", "stowage", "stowage-karaf-assembly", version,
                "stowage-karaf-assembly-" + version + ".tar.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist: build the assembly with `mvn install` first");
        }
        return file;
    }

    Path home() {
        return home;
    }

    int sshPort() {
        return sshPort;
    }

    /**
     * Sets {@code key = value} in a {@code .cfg} file of this instance, replacing the key's line or adding one.
     * Only for the simple {@code key = value} lines of the shipped files.
     */
    /** The value of {@code key} in {@code cfg} (below the home folder), or null. */
    String key(String cfg, String key) throws IOException {
        Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*$")
                .matcher(Files.readString(home.resolve(cfg)));
        return line.find() ? line.group(1) : null;
    }

    void setKey(String cfg, String key, String value) throws IOException {
        Path file = home.resolve(cfg);
        String text = Files.readString(file);
        Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=.*$").matcher(text);
        String entry = key + " = " + value;
        text = line.find() ? line.replaceFirst(Matcher.quoteReplacement(entry)) : text + "\n" + entry + "\n";
        Files.writeString(file, text);
    }

    /**
     * Starts {@code bin/karaf server} (what {@code bin/start} runs, in the foreground of a child process, its output
     * in {@code launcher.out}) and waits until {@code bin/client} runs a Stowage command: Karaf's own shell answers
     * before the boot stage that installs Stowage has finished.
     */
    void start(Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("launcher.out").toFile());
        environment(builder);
        karaf = builder.start();
        await("bin/client answering within " + timeout + " (see " + home.resolve("data/log/karaf.log") + ")")
                .atMost(timeout).pollInterval(Duration.ofSeconds(2))
                .until(() -> client(List.of(), "stowage:devices").exitCode() == 0);
    }

    /** What the launcher scripts printed so far (bin/setenv's notices among it). */
    String launcherOutput() throws IOException {
        return Files.readString(home.resolve("launcher.out"));
    }

    /** Runs {@code bin/client <options> -b} with {@code commands} on its standard input (the README's way). */
    Result client(List<String> options, String commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/client").toString());
        command.addAll(options);
        command.add("-b");
        // output to a file, not a pipe: a client that hangs must not block this thread beyond the timeout
        Path output = Files.createTempFile(home, "client-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        environment(builder);
        Process client = builder.start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean exited = client.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            client.destroyForcibly();
        }
        String text = Files.readString(output);
        Files.delete(output);
        if (!exited) {
            throw new AssertionError("bin/client did not exit within " + COMMAND_TIMEOUT + "; output:\n" + text);
        }
        return new Result(client.exitValue(), text);
    }

    /** Stops Karaf with {@code bin/stop} and waits for it to exit; if it does not, ends it (and fails). */
    void stop() throws IOException, InterruptedException {
        if (karaf == null || !karaf.isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile());
        environment(builder);
        builder.start().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!karaf.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            // bin/karaf runs java as its child: end that first, then the script
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
            throw new AssertionError("Karaf in " + home + " did not stop within " + STOP_TIMEOUT + " of bin/stop");
        }
    }

    /**
     * Deletes {@code folder} with everything below it (an unpacked Karaf takes about 130 MB), unless system property
     * {@code stowage.itest.keepRuntime} is true: then its logs stay for reading after a failure.
     */
    static void deleteUnlessKept(Path folder) throws IOException {
        if (Boolean.getBoolean("stowage.itest.keepRuntime") || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void environment(ProcessBuilder builder) {
        // the launcher scripts want JAVA_HOME; give them the JVM that runs the tests
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    }

    /** Runs {@code command} in {@code directory} to its end; fails with its output unless it exits with 0. */
    static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        run(command, directory, Map.of());
    }

    /**
     * Runs {@code command} in {@code directory} with {@code variables} set over this process's environment; returns
     * what it printed (standard output and error) and fails with that unless it exits with 0.
     */
    static String run(List<String> command, Path directory, Map<String, String> variables)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }


    /** A finished client call. */
    record Result(int exitCode, String output) {
    }
}
