package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.pack.Packer;

/**
 * Creates and opens repositories. Init writes the key file first and the config blob last: a device holds a
 * repository once it holds a config. Open unlocks a key, reads the config, loads every index file and re-indexes
 * orphan packs.
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
        device.put(CONFIG, ByteBuffer.wrap(form.encodeToArray(Json.write(config), Domain.CONFIG)));
        return assemble(device, key, config, form, new KeyRing(device, key, keyFile, options.scryptN(), HOST, RANDOM));
    }

    /**
     * Opens the repository on {@code device}.
     *
     * @throws RepositoryNotReadyException if there is no repository or the password opens no key
     */
    public static Repository open(Device device, char[] password) throws IOException {
        KeyFiles.Opened opened = KeyFiles.open(device, password);
        MasterKey key = opened.key();
        StoredForm probe = new StoredForm(new Sealer(key.encryptionKey()), 0);
        RepositoryConfig config = readConfig(device, probe);
        StoredForm form = new StoredForm(new Sealer(key.encryptionKey()), config.compressionLevel());
        return assemble(device, key, config, form,
                new KeyRing(device, key, opened.name(), opened.file().n(), HOST, RANDOM));
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

    private static Repository assemble(Device device, MasterKey key, RepositoryConfig config, StoredForm form,
                                       KeyRing keys) throws IOException {
        MasterIndex index = new MasterIndex();
        IndexStore indexes = new IndexStore(device, form, config.packSize());
        List<String> problems = new ArrayList<>();
        indexes.loadAll(index, problems);
        List<PackRecord> orphans = indexes.reindexOrphans(index, problems);
        problems.forEach(p -> LOG.warn("opening repository {}: {}", config.id().substring(0, 8), p));
        if (!orphans.isEmpty()) {
            LOG.info("repository {} on device '{}': re-indexed {} pack(s) that no index file listed (left by an "
                    + "interrupted run); the next flush writes an index file for them", config.id().substring(0, 8),
                    device.descriptor().id(), orphans.size());
        }
        Packer packer = new Packer(device, form, index, config.packSize(), config.chunkMax());
        packer.addUnindexed(orphans);
        RepositoryLock lock = new RepositoryLock(device, form, config.id(), RANDOM);
        DeviceRepository.Parts parts = new DeviceRepository.Parts(form, new BlobHasher(key.idKey()), index, indexes,
                packer, lock, keys, problems);
        return new DeviceRepository(device, config, parts);
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
