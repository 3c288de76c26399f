package org.stowage.engine.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.stowage.api.device.Device;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.DataPlacement;
import org.stowage.api.repository.DryRunResult;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.FoundEntry;
import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.LockService;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.RepositoryStats;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotDiff;
import org.stowage.api.repository.SnapshotFile;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StreamBackupRequest;
import org.stowage.api.repository.TagChange;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.staging.StagingService;
import org.stowage.api.staging.support.StagingViews;
import org.stowage.engine.internal.crypto.PasswordFile;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineCheckService;
import org.stowage.engine.internal.facade.EngineCopyService;
import org.stowage.engine.internal.facade.EngineKeyService;
import org.stowage.engine.internal.facade.EngineLockService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.facade.EngineRetentionService;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.memory.MemoryBudget;
import org.stowage.engine.internal.placement.DeviceSet;
import org.stowage.engine.internal.placement.SpeedLog;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.posix.NativeHeap;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.warmup.Warmup;

/**
 * The repository as OSGi services: one component per {@code etc/org.stowage.repository.cfg} that tracks every
 * {@link Device} and node selector, opens the repository on its configured devices and offers the facades the
 * shell, the routes and the web console call. It sizes Stowage's {@link MemoryBudget} from {@code memory.budget}.
 * The facades are registered even while the repository is not ready, so that every caller gets a message that says
 * why (device missing, not initialized, wrong password) instead of a missing service.
 */
@Component(configurationPid = RepositoryConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, // the open repository and its index stay up between callers
        service = {RepositoryService.class, BackupService.class, RestoreService.class, SnapshotService.class,
                CheckService.class, RetentionService.class, LockService.class, KeyService.class, CopyService.class,
                RepositoryComponent.class}) // the last for VolumesComponent, in this bundle only
@Designate(ocd = RepositoryConfiguration.class)
public final class RepositoryComponent implements RepositoryService, BackupService, RestoreService,
        SnapshotService, CheckService, RetentionService, LockService, KeyService, CopyService {

    private final ServiceSelectors selectors = new ServiceSelectors();
    private final PlacementRoutes routes = new PlacementRoutes();
    private final RepositoryHolder holder;
    private final StagingViews staged;
    private final BackupService backups;
    private final RestoreService restores;
    private final SnapshotService snapshots;
    private final CheckService checks;
    private final RetentionService retention;
    private final LockService locks;
    private final KeyService keys;
    private final CopyService copies;

    /** Without a speeds service: for tests. */
    RepositoryComponent(RepositoryConfiguration config) {
        this(config, new SpeedLog());
    }

    @Activate
    public RepositoryComponent(RepositoryConfiguration config, @Reference DeviceSpeeds speeds) {
        RepositorySettings settings = RepositorySettings.from(config);
        NativeHeap.mapLargeBlocks();
        MemoryBudget.shared().resize(settings.memoryBudget());
        StorageSpec storage = new StorageSpec(new DeviceSet(settings.deviceIds()), selectors, settings.placement(),
                speeds, routes);
        this.holder = new RepositoryHolder(storage, new PasswordFile(settings.passwordFile()), settings.autoInit(),
                opener(settings.options()));
        this.staged = new StagingViews(holder);
        this.backups = new EngineBackupService(holder::repository);
        this.restores = new EngineRestoreService(holder::repository);
        this.snapshots = new EngineSnapshotService(holder::repository);
        this.checks = new EngineCheckService(holder::repository);
        this.retention = new EngineRetentionService(holder::repository, ZoneId.systemDefault());
        this.locks = new EngineLockService(holder::repository);
        this.keys = new EngineKeyService(holder::repository);
        this.copies = new EngineCopyService(holder::repository);
        switch (settings.warmup()) {
            case CRYPTO -> Warmup.atRepositoryOpen();
            case REHEARSAL -> Warmup.atServiceStart(scratchParent());
            case OFF -> { }
        }
    }

    /** The open repository, or null while none is (the facades' supplier), for {@link VolumesComponent}. */
    Repository openRepository() {
        return holder.repository();
    }

    /** Karaf's {@code data/tmp}, which belongs to this instance; the JVM's temporary directory elsewhere. */
    private static Path scratchParent() {
        String karafData = System.getProperty("karaf.data");
        return karafData != null ? Path.of(karafData, "tmp") : Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDevice(Device device, Map<String, Object> properties) {
        staged.deviceAdded(device, properties);
    }

    void unbindDevice(Device device) {
        staged.deviceRemoved(device);
    }

    /**
     * The staging service, when stowage-staging is installed: the repository then writes to and reads from its
     * views of the member devices, so that a busy device's packs and metadata are staged instead of waited for.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStaging(StagingService staging) {
        staged.stagingAdded(staging);
    }

    void unbindStaging(StagingService staging) {
        staged.stagingRemoved(staging);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSelector(NodeSelector selector, Map<String, Object> properties) {
        selectors.add(selector, properties);
    }

    void unbindSelector(NodeSelector selector) {
        selectors.remove(selector);
    }

    /** The Camel placement routes, when stowage-routing is installed; without them packs are written directly. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRoutes(ComponentServiceObjects<PackPlacement> placement) {
        routes.bind(placement);
    }

    void unbindRoutes(ComponentServiceObjects<PackPlacement> placement) {
        routes.unbind(placement);
    }

    @Deactivate
    void deactivate() {
        Warmup.stop();
        holder.close();
    }

    private static RepositoryHolder.Opener opener(RepositoryOptions options) {
        return new RepositoryHolder.Opener() {
            @Override
            public Repository open(StorageSpec storage, char[] password) throws IOException {
                return Repositories.open(storage, password);
            }

            @Override
            public Repository init(StorageSpec storage, char[] password) throws IOException {
                return Repositories.init(storage, password, options);
            }
        };
    }

    @Override
    public RepositoryInfo info() {
        return holder.info();
    }

    @Override
    public RepositoryInfo init() {
        return holder.init();
    }

    @Override
    public Map<String, Long> bytesByDevice() {
        return holder.bytesByDevice();
    }

    @Override
    public SnapshotInfo backup(BackupRequest request, ProgressListener listener) {
        return backups.backup(request, listener);
    }

    @Override
    public SnapshotInfo backup(StreamBackupRequest request, InputStream content, ProgressListener listener) {
        return backups.backup(request, content, listener);
    }

    @Override
    public DryRunResult dryRun(BackupRequest request, Consumer<NodeInfo> entries, ProgressListener listener) {
        return backups.dryRun(request, entries, listener);
    }

    @Override
    public RestoreResult restore(RestoreRequest request, ProgressListener listener) {
        return restores.restore(request, listener);
    }

    @Override
    public List<SnapshotInfo> snapshots() {
        return snapshots.snapshots();
    }

    @Override
    public SnapshotInfo snapshot(String idOrPrefix) {
        return snapshots.snapshot(idOrPrefix);
    }

    @Override
    public List<NodeInfo> list(String snapshot, String path, boolean recursive) {
        return snapshots.list(snapshot, path, recursive);
    }

    @Override
    public DataPlacement placement(String snapshot) {
        return snapshots.placement(snapshot);
    }

    @Override
    public SnapshotDiff diff(String from, String to) {
        return snapshots.diff(from, to);
    }

    @Override
    public List<FoundEntry> find(String pattern, List<String> inSnapshots) {
        return snapshots.find(pattern, inSnapshots);
    }

    @Override
    public NodeInfo dump(String snapshot, String path, OutputStream out) {
        return snapshots.dump(snapshot, path, out);
    }

    @Override
    public SnapshotFile open(String snapshot, String path) {
        return snapshots.open(snapshot, path);
    }

    @Override
    public RepositoryStats stats(List<String> ofSnapshots) {
        return snapshots.stats(ofSnapshots);
    }

    @Override
    public List<SnapshotInfo> tag(List<String> toTag, TagChange change) {
        return snapshots.tag(toTag, change);
    }

    @Override
    public CheckReport check(boolean readData, ProgressListener listener) {
        return checks.check(readData, listener);
    }

    @Override
    public CheckReport check(boolean readData, String device, ProgressListener listener) {
        return checks.check(readData, device, listener);
    }

    @Override
    public ForgetResult forget(RetentionPolicy policy, Set<String> tags, boolean dryRun) {
        return retention.forget(policy, tags, dryRun);
    }

    @Override
    public PruneResult prune(boolean dryRun, ProgressListener listener) {
        return retention.prune(dryRun, listener);
    }

    @Override
    public List<RepositoryLockInfo> locks() {
        return locks.locks();
    }

    @Override
    public List<RepositoryLockInfo> unlock(boolean all) {
        return locks.unlock(all);
    }

    @Override
    public CopyResult copy(List<String> snapshots, List<String> toDevices, boolean move, ProgressListener listener) {
        return copies.copy(snapshots, toDevices, move, listener);
    }

    @Override
    public List<RepositoryKeyInfo> keys() {
        return keys.keys();
    }

    @Override
    public RepositoryKeyInfo addKey(Path passwordFile) {
        return keys.addKey(passwordFile);
    }

    @Override
    public RepositoryKeyInfo removeKey(String id) {
        return keys.removeKey(id);
    }
}
