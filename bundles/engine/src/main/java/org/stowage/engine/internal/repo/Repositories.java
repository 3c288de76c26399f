package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.crypto.BlobHasher;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.KeyFiles;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.index.IndexStore;
import org.stowage.engine.internal.index.IndexSync;
import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackListing;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.memory.ThreadResources;
import org.stowage.engine.internal.pack.Packer;
import org.stowage.engine.internal.placement.RepositoryDevices;
import org.stowage.engine.internal.placement.StorageSpec;

/**
 * Creates and opens repositories. Init writes the key file first and the config blob last: a device holds a
 * repository once it holds a config. Open unlocks a key, reads the config, loads every index file and re-indexes
 * orphan packs (and every lock the repository takes later brings that index up to date, see {@link IndexSync}).
 */
public final class Repositories {

    static final BlobName CONFIG = BlobName.of(BlobType.CONFIG, "config");
    private static final Logger LOG = LoggerFactory.getLogger(Repositories.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HOST = hostName();

    private Repositories() {
    }

    /**
     * Initializes a new repository on an empty device.
     *
     * @throws StowageException if the device already holds a repository (config or key files)
     */
    public static Repository init(Device device, char[] password, RepositoryOptions options) throws IOException {
        return init(StorageSpec.of(device), password, options);
    }

    /**
     * Initializes a new repository on its devices: key and config go to every metadata device (see
     * {@link RepositoryDevices}).
     *
     * @throws StowageException if the devices already hold a repository (config or key files)
     */
    public static Repository init(StorageSpec storage, char[] password, RepositoryOptions options)
            throws IOException {
        try {
            return initOn(storage, password, options);
        } finally {
            ThreadResources.releaseCurrentThread(); // the caller (e.g. the component's activation) lives on
        }
    }

    private static Repository initOn(StorageSpec storage, char[] password, RepositoryOptions options)
            throws IOException {
        RepositoryDevices device = storage.direct();
        String deviceId = device.descriptor().id();
        if (device.stat(CONFIG).isPresent()) {
            throw new StowageException("device '" + deviceId + "' already holds a repository (" + CONFIG
                    + " exists); open it instead, or init on an empty device");
        }
        List<BlobName> keys = new ArrayList<>();
        device.list(BlobType.KEY, info -> keys.add(info.name()));
        if (!keys.isEmpty()) {
            throw new StowageException("device '" + deviceId + "' holds key files but no config: an earlier init did "
                    + "not finish; delete " + BlobType.KEY.folder() + "/ on that device or use another device");
        }
        byte[] idBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RepositoryConfig config = new RepositoryConfig(1, HexFormat.of().formatHex(idBytes), RANDOM.nextLong(),
                options.chunkMin(), options.chunkAvg(), options.chunkMax(), options.packSize(),
                options.compressionLevel());
        MasterKey key = MasterKey.random(RANDOM);
        BlobName keyFile = KeyFiles.write(device, key, password, options.scryptN(), HOST, RANDOM);
        StoredForm form = new StoredForm(new Sealer(key.encryptionKey()), config.compressionLevel());
        putConfig(device, form, config, keyFile);
        MasterIndex index = new MasterIndex(storage.devices().ids());
        RepositoryDevices located = device.locatedBy(index::devicesOf);
        return assemble(storage, located, index, key, config, form,
                new KeyRing(located, key, keyFile, options.scryptN(), HOST, RANDOM), false);
    }

    /**
     * Writes the config of a new repository. Of two inits racing on one device, the second one's put is refused
     * (blobs are write-once) or, on a driver whose write-once check is not atomic across processes, replaces the
     * first one's config: reading it back tells. The loser deletes its key file, which wraps a master key no config
     * belongs to (the same password would open it and then find the config unreadable), and fails.
     */
    private static void putConfig(Device device, StoredForm form, RepositoryConfig config, BlobName keyFile)
            throws IOException {
        IOException raced;
        try {
            device.put(CONFIG, ByteBuffer.wrap(form.encodeToArray(Json.write(config), Domain.CONFIG)));
            if (readConfig(device, form).id().equals(config.id())) {
                return;
            }
            raced = new BlobExistsException(device.descriptor().id(), CONFIG);
        } catch (BlobExistsException e) {
            raced = e;
        } catch (IntegrityException e) {
            raced = new IOException(e.getMessage(), e); // replaced by the other init's config, under its key
        }
        try {
            device.delete(keyFile);
        } catch (IOException e) {
            raced.addSuppressed(e);
        }
        throw new StowageException("another process initialized a repository on device '" + device.descriptor().id()
                + "' at the same time; open that one instead (the key file this init wrote was removed)", raced);
    }

    /**
     * Opens the repository on {@code device}.
     *
     * @throws RepositoryNotReadyException if there is no repository or the password opens no key
     */
    public static Repository open(Device device, char[] password) throws IOException {
        return open(StorageSpec.of(device), password);
    }

    /**
     * Opens the repository on its devices: any one online member that holds its metadata will do.
     *
     * @throws RepositoryNotReadyException if there is no repository or the password opens no key
     */
    public static Repository open(StorageSpec storage, char[] password) throws IOException {
        try {
            return openOn(storage, password);
        } finally {
            ThreadResources.releaseCurrentThread(); // loading the index took scratch the caller keeps otherwise
        }
    }

    private static Repository openOn(StorageSpec storage, char[] password) throws IOException {
        RepositoryDevices device = storage.direct();
        KeyFiles.Opened opened = KeyFiles.open(device, password);
        MasterKey key = opened.key();
        StoredForm probe = new StoredForm(new Sealer(key.encryptionKey()), 0);
        RepositoryConfig config = readConfig(device, probe);
        StoredForm form = new StoredForm(new Sealer(key.encryptionKey()), config.compressionLevel());
        MasterIndex index = new MasterIndex(storage.devices().ids());
        RepositoryDevices located = device.locatedBy(index::devicesOf);
        return assemble(storage, located, index, key, config, form,
                new KeyRing(located, key, opened.name(), opened.file().n(), HOST, RANDOM), true);
    }

    private static RepositoryConfig readConfig(Device device, StoredForm form) throws IOException {
        String deviceId = device.descriptor().id();
        ByteBuffer stored;
        try {
            stored = device.get(CONFIG, ByteRange.ALL);
        } catch (BlobNotFoundException e) {
            throw new RepositoryNotReadyException("device '" + deviceId + "' has a key file but no " + CONFIG
                    + ": the repository's init did not finish; init it again on an empty device");
        }
        try {
            return Json.read(form.decode(stored, Domain.CONFIG), RepositoryConfig.class);
        } catch (UndecodableException | IOException e) {
            throw new IntegrityException(CONFIG + " on device '" + deviceId + "' is unreadable: " + e.getMessage(),
                    e);
        }
    }

    /** @param existing whether the repository existed before: its lock blobs are then looked at */
    private static Repository assemble(StorageSpec storage, RepositoryDevices device, MasterIndex index,
                                       MasterKey key, RepositoryConfig config, StoredForm form, KeyRing keys,
                                       boolean existing) throws IOException {
        IndexStore indexes = new IndexStore(device, form, config.packSize());
        IndexSync sync = new IndexSync(indexes, index, new PackListing() {
            @Override
            public List<String> devices() {
                return device.onlineIds();
            }

            @Override
            public Map<String, Map<String, Long>> listPacks() throws IOException {
                return device.listPacks();
            }
        });
        List<String> problems = new ArrayList<>();
        List<PackRecord> orphans = sync.refresh(problems).orElseThrow();
        problems.forEach(p -> LOG.warn("opening repository {}: {}", config.id().substring(0, 8), p));
        if (!orphans.isEmpty()) {
            LOG.info("repository {} on device '{}': re-indexed {} pack(s) that no index file listed (left by an "
                    + "interrupted run); the next flush writes an index file for them", config.id().substring(0, 8),
                    device.descriptor().id(), orphans.size());
        }
        Packer packer = DeviceRepository.packer(device, device::place, device.members().ids().size(), config, form,
                index);
        packer.replaceUnindexed(orphans);
        RepositoryLock lock = new RepositoryLock(device, form, config.id(), RANDOM);
        if (existing) {
            removeEndedLocks(lock);
        }
        DeviceRepository.Parts parts = new DeviceRepository.Parts(form, new BlobHasher(key.idKey()), index, indexes,
                sync, packer, lock, keys, problems, storage);
        return new DeviceRepository(device, config, parts);
    }

    /** A restarted process removes the locks its predecessors on this host left when they were killed. */
    private static void removeEndedLocks(RepositoryLock lock) {
        try {
            lock.removeEnded().forEach(ended -> LOG.info("removed lock {} of {}: its process (pid {} on host {}) has "
                    + "ended", ended.id(), lock.describe(), ended.pid(), ended.host()));
        } catch (IOException e) {
            // a read-only device keeps them: they are stale anyway, and unlock reports what it cannot delete
            LOG.warn("cannot remove the locks ended processes left on {}: {}", lock.describe(), e.toString());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // informational field of the key file only
            return "unknown-host";
        }
    }
}
