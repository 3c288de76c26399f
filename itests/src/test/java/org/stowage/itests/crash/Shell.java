package org.stowage.itests.crash;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Karaf shell commands through the copy's own {@code bin/client} in batch mode ({@code echo cmd | bin/client -b}):
 * what an operator's script does. Each call is a new client JVM (~0.6 CPU-s with the options below). Thread-safe.
 */
final class Shell {

    /** A small, quickly started client JVM: it only relays one command. */
    private static final String CLIENT_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Path home;
    private final int sshPort;
    private final KarafLogin login;
    private final Supplier<String> owner;
    private final AtomicInteger calls = new AtomicInteger();

    Shell(Path home, int sshPort, KarafLogin login, Supplier<String> owner) {
        this.home = home;
        this.sshPort = sshPort;
        this.login = login;
        this.owner = owner;
    }

    /** What one command printed and how the client exited (non-zero when the command failed). */
    record Result(String command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        /** Refused because another process holds a conflicting repository lock (an expected outcome). */
        boolean refusedByLock() {
            return exitCode != 0 && output.contains("cannot lock") && output.contains("try again");
        }
    }

    /** A command running in the background; its output goes to a file, read when it has ended. */
    record Running(String command, Process process, Path output, String owner) {

        /** Waits for the command; throws, naming it and the Karaf, if it does not end within {@code timeout}. */
        Result await(Duration timeout) throws InterruptedException, IOException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + command + "` did not end within " + timeout + " on " + owner);
            }
            String text = ANSI.matcher(Files.readString(output, StandardCharsets.UTF_8)).replaceAll("");
            Files.deleteIfExists(output);
            return new Result(command, process.exitValue(), text);
        }
    }

    /** Runs {@code command}, waits for it and returns what happened; never throws for a failed command. */
    Result run(String command, Duration timeout) {
        try {
            return start(command).await(timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run `" + command + "` with bin/client of " + owner.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running `" + command + "` on " + owner.get(), e);
        }
    }

    /** Whether {@code command} ran and succeeded within {@code timeout}; a command still running then is ended. */
    boolean succeeds(String command, Duration timeout) {
        try {
            Running running = start(command);
            if (!running.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                running.process().destroyForcibly();
                Files.deleteIfExists(running.output());
                return false;
            }
            return running.await(Duration.ZERO).ok();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run `" + command + "` with bin/client of " + owner.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running `" + command + "` on " + owner.get(), e);
        }
    }

    /** Runs {@code command} and returns its output; throws, naming the command, output and Karaf, if it failed. */
    String ok(String command, Duration timeout) {
        Result result = run(command, timeout);
        if (!result.ok()) {
            throw new AssertionError("`" + command + "` failed (exit " + result.exitCode() + ") on "
                    + owner.get() + ":\n" + result.output());
        }
        return result.output();
    }

    /** Starts {@code command} without waiting for it. */
    Running start(String command) throws IOException {
        Path outputs = Files.createDirectories(home.resolve("client-output"));
        Path output = outputs.resolve(calls.incrementAndGet() + ".out");
        List<String> argv = new ArrayList<>(List.of(home.resolve("bin/client").toString(),
                "-h", "127.0.0.1", "-a", Integer.toString(sshPort)));
        argv.addAll(login.clientArguments());
        argv.add("-b");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_OPTS", CLIENT_JAVA_OPTS);
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Running(command, process, output, owner.get());
    }
}
