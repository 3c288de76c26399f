package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.util.List;

import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.engine.internal.placement.RepositoryDevices;

/** {@link Administration} of a {@link DeviceRepository}. Thread-safe. */
final class RepositoryAdministration implements Administration {

    private final RepositoryDevices device;
    private final DeviceRepository.Parts parts;
    private final LeaseSync sync;

    /** Brings the index up to date once a lease is held; see {@link DeviceRepository#synced}. */
    @FunctionalInterface
    interface LeaseSync {
        Repository.Lease synced(Repository.Lease lease) throws IOException;
    }

    RepositoryAdministration(RepositoryDevices device, DeviceRepository.Parts parts, LeaseSync sync) {
        this.device = device;
        this.parts = parts;
        this.sync = sync;
    }

    @Override
    public Repository.Lease lockExclusive(String operation) throws IOException {
        return sync.synced(parts.lock().exclusive(operation));
    }

    @Override
    public void requireEveryMetadataDevice(String operation) {
        device.requireEveryMetadataDevice(operation);
    }

    @Override
    public List<RepositoryLockInfo> locks() throws IOException {
        return parts.lock().list();
    }

    @Override
    public List<RepositoryLockInfo> unlock(boolean all) throws IOException {
        return parts.lock().remove(all);
    }

    @Override
    public KeyRing keys() {
        return parts.keys();
    }
}
