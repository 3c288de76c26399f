package org.stowage.engine.internal.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;

import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.Repository;

/**
 * How the facades reach the open repository and turn its failures into api exceptions. The supplier is handed in
 * by the OSGi component that owns the repository; it returns null while none is open. Thread-safe if the supplier
 * is.
 */
final class RepositoryAccess {

    private final Supplier<Repository> repository;

    RepositoryAccess(Supplier<Repository> repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * The open repository.
     *
     * @throws RepositoryNotReadyException if none is open
     */
    Repository repository() {
        Repository open = repository.get();
        if (open == null) {
            throw new RepositoryNotReadyException("no repository is open: initialize it or configure its device and"
                    + " password (org.stowage.repository.cfg)");
        }
        return open;
    }

    /** Runs {@code call} on the open repository, mapping I/O failures to a {@link StowageException}. */
    <T> T call(String what, RepositoryCall<T> call) {
        Repository open = repository();
        try {
            return call.apply(open);
        } catch (IOException e) {
            throw failure(open, what, e);
        } catch (UncheckedIOException e) {
            throw failure(open, what, e.getCause());
        }
    }

    private static StowageException failure(Repository open, String what, IOException e) {
        return new StowageException(what + " failed on device '" + open.firstDeviceId() + "': "
                + e.getMessage() + "; check that the device is reachable and retry", e);
    }

    @FunctionalInterface
    interface RepositoryCall<T> {
        T apply(Repository repository) throws IOException;
    }
}
