package org.stowage.engine.internal.osgi;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryInfo.State;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.StowageException;
import org.stowage.api.staging.support.StagingViews;
import org.stowage.engine.internal.crypto.PasswordFile;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.repo.Repository;

/**
 * Holds the repository on its devices: opens it on first use, creates it when configured to, and closes it when
 * the last of its devices goes away (while one remains, packs meant for a lost device go to the selector's next
 * one). Every facade asks it for the open repository and gets either that or a {@link RepositoryNotReadyException}
 * that says why and what to do.
 *
 * <p>Thread-safe: all state changes happen under this object's monitor. Opening runs the password KDF, so it
 * happens on first use, not in an OSGi callback.
 */
final class RepositoryHolder implements RepositoryService, StagingViews.Members {

    /** Opens and creates repositories; the seam to the storage layer. */
    interface Opener {
        Repository open(StorageSpec storage, char[] password) throws IOException;

        Repository init(StorageSpec storage, char[] password) throws IOException;
    }

    static final BlobName CONFIG = BlobName.of(BlobType.CONFIG, "config");
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryHolder.class);

    private final StorageSpec storage;
    private final String idList; // local, vault
    private final String deviceIds; // for messages: device 'local', or devices local, vault
    private final PasswordFile passwordFile;
    private final boolean autoInit;
    private final Opener opener;

    private Repository repository;

    RepositoryHolder(StorageSpec storage, PasswordFile passwordFile, boolean autoInit, Opener opener) {
        this.storage = storage;
        List<String> ids = storage.devices().ids();
        this.idList = String.join(", ", ids);
        this.deviceIds = ids.size() == 1 ? "device '" + ids.get(0) + "'" : "devices " + String.join(", ", ids);
        this.passwordFile = passwordFile;
        this.autoInit = autoInit;
        this.opener = opener;
    }

    /**
     * A device service appeared; a member of the repository joins it at once (the open repository places packs on
     * it and copies metadata to it at its next lock).
     */
    @Override
    public synchronized void add(Device added, int weight) {
        storage.devices().add(added, weight);
    }

    /** The same device seen through the staging service's view, or no longer: the repository stays open. */
    @Override
    public synchronized void replace(Device current, Device next, int weight) {
        storage.devices().replace(current, next, weight);
    }

    @Override
    public synchronized void remove(Device removed) {
        if (storage.devices().remove(removed) && storage.devices().online().isEmpty()) {
            closeRepository();
        }
    }

    /**
     * The open repository, opening or (with init=auto) creating it first.
     *
     * @throws RepositoryNotReadyException saying why and what to do
     */
    synchronized Repository repository() {
        try {
            return openOrCreate();
        } catch (NotReady e) {
            // the api type only: callers in other bundles (and remote ones) cannot load this class's private types
            throw new RepositoryNotReadyException(e.getMessage());
        }
    }

    private Repository openOrCreate() {
        if (repository != null) {
            Optional<String> broken = repository.brokenReason();
            if (broken.isEmpty()) {
                return repository;
            }
            // operations still reading through the old instance go on; its packer accepts nothing any more
            LOG.info("Reopening the repository on {} after: {}", deviceIds, broken.get());
            closeRepository();
        }
        requireOnlineDevice();
        try {
            if (!isInitialized()) {
                if (!autoInit) {
                    throw new NotReady(State.UNINITIALIZED, uninitializedReason());
                }
                return repository = create();
            }
            char[] password = passwordFile.read();
            try {
                return repository = opener.open(storage, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (IOException e) {
            throw new NotReady(State.UNAVAILABLE, "cannot open the repository on " + deviceIds + ": "
                    + e.getMessage());
        }
    }

    @Override
    public synchronized RepositoryInfo info() {
        try {
            Repository open = openOrCreate();
            return new RepositoryInfo(open.config().id(), idList, State.READY, "");
        } catch (NotReady e) {
            return new RepositoryInfo(null, idList, e.state, e.getMessage());
        } catch (RepositoryNotReadyException e) {
            // the storage layer's only not-ready case: the password opens no key
            return new RepositoryInfo(null, idList, State.LOCKED, e.getMessage());
        }
    }

    @Override
    public synchronized RepositoryInfo init() {
        try {
            requireOnlineDevice();
        } catch (NotReady e) {
            throw new RepositoryNotReadyException(e.getMessage());
        }
        try {
            if (isInitialized()) {
                throw new StowageException(deviceIds + " already holds a repository; stowage:init only creates new "
                        + "ones");
            }
            Repository created = create();
            return new RepositoryInfo(created.config().id(), idList, State.READY, "",
                    passwordFile.path().toString(), passwordFile.permissionProblem().stream().toList());
        } catch (IOException e) {
            throw new StowageException("cannot create the repository on " + deviceIds + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Map<String, Long> bytesByDevice() {
        try {
            return openOrCreate().copies().bytesByDevice();
        } catch (RepositoryNotReadyException e) {
            return Map.of();
        }
    }

    synchronized void close() {
        closeRepository();
    }

    private Repository create() throws IOException {
        if (!passwordFile.exists()) {
            passwordFile.generate();
            LOG.warn("Generated a random repository password in {}. KEEP A COPY OF THIS FILE AWAY FROM THIS HOST "
                    + "(a password manager, a safe): without it no backup can be read.", passwordFile.path());
        }
        char[] password = passwordFile.read();
        try {
            closeRepository();
            repository = opener.init(storage, password);
            LOG.info("Created repository {} on {}", repository.config().id(), deviceIds);
            return repository;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void requireOnlineDevice() {
        if (storage.devices().online().isEmpty()) {
            throw new NotReady(State.UNAVAILABLE, "none of the repository's devices is available ("
                    + storage.devices().describe() + "): configure a device for each id, e.g. "
                    + "etc/org.stowage.device.disk-" + storage.devices().ids().get(0) + ".cfg with device.id="
                    + storage.devices().ids().get(0) + ", or set 'devices' in etc/" + RepositoryConfiguration.PID
                    + ".cfg");
        }
    }

    /** Whether any online member holds a repository config. */
    private boolean isInitialized() throws IOException {
        return storage.direct().stat(CONFIG).isPresent();
    }

    private String uninitializedReason() {
        return deviceIds + " holds no repository yet: run stowage:init (password from "
                + passwordFile.path() + ") or set init=auto in etc/" + RepositoryConfiguration.PID + ".cfg";
    }

    private void closeRepository() {
        if (repository == null) {
            return;
        }
        try {
            repository.close();
        } catch (IOException e) {
            LOG.error("Closing the repository on {} failed: {}", deviceIds, e.getMessage(), e);
        } finally {
            repository = null;
        }
    }

    /** Not ready for a reason this holder determined itself. */
    private static final class NotReady extends RepositoryNotReadyException {

        private static final long serialVersionUID = 1L;

        private final transient State state;

        NotReady(State state, String message) {
            super(message);
            this.state = state;
        }
    }
}
