package org.stowage.engine.internal.osgi;

import java.io.IOException;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryInfo.State;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.crypto.PasswordFile;
import org.stowage.engine.internal.repo.Repository;

/**
 * Holds the repository on its home device: opens it on first use, creates it when configured to, and closes it
 * when the device goes away. Every facade asks it for the open repository and gets either that or a
 * {@link RepositoryNotReadyException} that says why and what to do.
 *
 * <p>Thread-safe: all state changes happen under this object's monitor. Opening runs the password KDF, so it
 * happens on first use, not in an OSGi callback.
 */
final class RepositoryHolder implements RepositoryService {

    /** Opens and creates repositories; the seam to the storage layer. */
    interface Opener {
        Repository open(Device device, char[] password) throws IOException;

        Repository init(Device device, char[] password) throws IOException;
    }

    static final BlobName CONFIG = BlobName.of(BlobType.CONFIG, "config");
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryHolder.class);

    private final String deviceId;
    private final PasswordFile passwordFile;
    private final boolean autoInit;
    private final Opener opener;

    private Device device;
    private Repository repository;

    RepositoryHolder(String deviceId, PasswordFile passwordFile, boolean autoInit, Opener opener) {
        this.deviceId = deviceId;
        this.passwordFile = passwordFile;
        this.autoInit = autoInit;
        this.opener = opener;
    }

    String deviceId() {
        return deviceId;
    }

    synchronized void deviceAdded(Device added) {
        if (deviceId.equals(added.descriptor().id()) && device == null) {
            device = added;
        }
    }

    synchronized void deviceRemoved(Device removed) {
        if (removed == device) {
            closeRepository();
            device = null;
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
            return repository;
        }
        Device home = availableDevice();
        try {
            if (!isInitialized(home)) {
                if (!autoInit) {
                    throw new NotReady(State.UNINITIALIZED, uninitializedReason());
                }
                return repository = create(home);
            }
            char[] password = passwordFile.read();
            try {
                return repository = opener.open(home, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (IOException e) {
            throw new NotReady(State.UNAVAILABLE, "cannot open the repository on device '" + deviceId + "': "
                    + e.getMessage());
        }
    }

    @Override
    public synchronized RepositoryInfo info() {
        try {
            Repository open = openOrCreate();
            return new RepositoryInfo(open.config().id(), deviceId, State.READY, "");
        } catch (NotReady e) {
            return new RepositoryInfo(null, deviceId, e.state, e.getMessage());
        } catch (RepositoryNotReadyException e) {
            // the storage layer's only not-ready case: the password opens no key
            return new RepositoryInfo(null, deviceId, State.LOCKED, e.getMessage());
        }
    }

    @Override
    public synchronized RepositoryInfo init() {
        Device home;
        try {
            home = availableDevice();
        } catch (NotReady e) {
            throw new RepositoryNotReadyException(e.getMessage());
        }
        try {
            if (isInitialized(home)) {
                throw new StowageException("device '" + deviceId + "' already holds a repository; "
                        + "stowage:init only creates new ones");
            }
            Repository created = create(home);
            return new RepositoryInfo(created.config().id(), deviceId, State.READY, "",
                    passwordFile.path().toString(), passwordFile.permissionProblem().stream().toList());
        } catch (IOException e) {
            throw new StowageException("cannot create the repository on device '" + deviceId + "': "
                    + e.getMessage(), e);
        }
    }

    synchronized void close() {
        closeRepository();
    }

    private Repository create(Device home) throws IOException {
        if (!passwordFile.exists()) {
            passwordFile.generate();
            LOG.warn("Generated a random repository password in {}. KEEP A COPY OF THIS FILE AWAY FROM THIS HOST "
                    + "(a password manager, a safe): without it no backup can be read.", passwordFile.path());
        }
        char[] password = passwordFile.read();
        try {
            closeRepository();
            repository = opener.init(home, password);
            LOG.info("Created repository {} on device '{}'", repository.config().id(), deviceId);
            return repository;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Device availableDevice() {
        if (device == null) {
            throw new NotReady(State.UNAVAILABLE, "the repository's home device '" + deviceId + "' is not "
                    + "available: configure a device with device.id=" + deviceId
                    + " (e.g. etc/org.stowage.device.disk-" + deviceId + ".cfg) or set 'device' in etc/"
                    + RepositoryConfiguration.PID + ".cfg");
        }
        DeviceStatus status = device.status();
        if (status.state() == DeviceState.OFFLINE) {
            throw new NotReady(State.UNAVAILABLE, "the repository's home device '" + deviceId
                    + "' is offline: " + status.reason());
        }
        return device;
    }

    private static boolean isInitialized(Device home) throws IOException {
        return home.stat(CONFIG).isPresent();
    }

    private String uninitializedReason() {
        return "device '" + deviceId + "' holds no repository yet: run stowage:init (password from "
                + passwordFile.path() + ") or set init=auto in etc/" + RepositoryConfiguration.PID + ".cfg";
    }

    private void closeRepository() {
        if (repository == null) {
            return;
        }
        try {
            repository.close();
        } catch (IOException e) {
            LOG.error("Closing the repository on device '{}' failed: {}", deviceId, e.getMessage(), e);
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
