package org.stowage.routing.internal.component;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.job.JobService;
import org.stowage.device.disk.internal.DiskDevice;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineCheckService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.facade.EngineRetentionService;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * A real Stowage repository for the component's tests: the engine's repository format (packs, AES-GCM, zstd, index)
 * on a disk device in a temporary folder, behind the engine's own service facades, as Karaf wires them.
 */
public final class EngineRepository implements AutoCloseable {

    private final Repository repository;
    private final Path deviceRoot;

    public EngineRepository(Path deviceRoot) throws IOException {
        this.deviceRoot = deviceRoot;
        DiskDevice device = new DiskDevice(new DeviceDescriptor("local", "disk", DeviceKind.DISK, AccessType.RANDOM, 0),
                deviceRoot, 4);
        // a cheap key derivation: the tests are about the component, not about the password's strength
        repository = Repositories.init(device, "secret".toCharArray(), RepositoryOptions.defaults().withScryptN(16));
    }

    /** The folder the device keeps its blobs in (packs under data/), for tests that break it on purpose. */
    public Path deviceRoot() {
        return deviceRoot;
    }

    public StowageServices services(Supplier<JobService> jobs, StowageEvents events) {
        Supplier<Repository> repo = () -> repository;
        return new StowageServices(new EngineBackupService(repo), new EngineRestoreService(repo),
                new EngineSnapshotService(repo), new EngineCheckService(repo),
                new EngineRetentionService(repo, ZoneOffset.UTC), jobs, events);
    }

    @Override
    public void close() throws IOException {
        repository.close();
    }
}
