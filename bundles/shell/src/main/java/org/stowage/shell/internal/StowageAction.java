package org.stowage.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.repository.StowageException;

/**
 * Base of the stowage commands: the one place where a {@link StowageException} becomes a clean command failure.
 * Karaf prints a {@link CommandException}'s message without a stack trace and the session sees the command fail
 * (scripts and {@code bin/client -b} stop); the cause is kept for {@code shell:stack-traces-print}.
 */
abstract class StowageAction implements Action {

    /** Where results go; Karaf routes System.out to the calling session. Replaced in tests. */
    PrintStream out = System.out;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
            return null;
        } catch (StowageException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    abstract void run() throws Exception;

    /**
     * Facades are optional references so that the commands exist (and explain) while the engine is missing,
     * instead of silently not existing.
     */
    static <T> T require(T service, Class<T> type) throws CommandException {
        if (service == null) {
            throw new CommandException("The Stowage service " + type.getSimpleName() + " is not available: "
                    + "is the engine started and the repository configured? Check with "
                    + "'bundle:list | grep -i stowage' and 'scr:list'.");
        }
        return service;
    }
}
