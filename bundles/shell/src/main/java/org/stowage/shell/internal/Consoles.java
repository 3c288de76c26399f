package org.stowage.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;

/** What the commands need from the Karaf session: a live progress line and the current directory. */
final class Consoles {

    private Consoles() {
    }

    /**
     * A progress printer on the session's console; without a terminal (a batch session, a test) progress is not
     * shown, because {@code \r} would only litter the output.
     */
    static ProgressPrinter progress(Session session, PrintStream fallback) {
        Terminal terminal = session == null ? null : session.getTerminal();
        if (terminal == null) {
            return new ProgressPrinter(fallback, 0, false);
        }
        return new ProgressPrinter(session.getConsole(), terminal.getWidth(), true);
    }

    /** An operator's path, made absolute against the session's current directory (as {@code shell:cd} sets it). */
    static Path absolute(Session session, String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute() && session != null && session.currentDir() != null) {
            p = session.currentDir().resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }
}
