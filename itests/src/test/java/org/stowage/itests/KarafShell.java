package org.stowage.itests;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * Runs Karaf shell commands inside the container and returns what they printed.
 *
 * <p>Use only after {@code BootFinished} has been injected: before that, the commands of the boot features may not be
 * registered yet ({@code CommandNotFoundException}). Each call uses a fresh session, so it is safe from several tests;
 * a failing command throws, with the command line and the output so far in the message.
 */
public final class KarafShell {

    private final SessionFactory sessionFactory;

    public KarafShell(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** Executes {@code command} (gogo syntax, pipes allowed) and returns stdout plus the printed result value. */
    public String run(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(InputStream.nullInputStream(), out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("Karaf shell command failed: `" + command + "`; output so far:\n"
                    + bytes.toString(StandardCharsets.UTF_8), e);
        } finally {
            session.close();
        }
    }
}
