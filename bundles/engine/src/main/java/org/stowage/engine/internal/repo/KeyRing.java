package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.crypto.KeyFile;
import org.stowage.engine.internal.crypto.KeyFiles;
import org.stowage.engine.internal.crypto.MasterKey;

/**
 * The key files of an open repository: each wraps the same master key under its own password. Adding one writes a
 * new key file (the master key never changes, so no data is re-encrypted); removing one deletes its file. The
 * current key, the one this instance was opened with, cannot be removed: the repository stays openable with the
 * password its configuration names, and there is always at least one key. Thread-safe (stateless beyond its
 * constructor arguments; concurrent adds and removes of different keys do not interfere).
 */
public final class KeyRing {

    /** What {@link #list} shows as the KDF of a blob in {@code keys/} that is not a usable key file. */
    public static final String UNUSABLE = "unusable:";

    private final Device device;
    private final MasterKey key;
    private final BlobName current;
    private final int scryptN;
    private final String host;
    private final SecureRandom random;

    /**
     * @param current the key file this repository was opened with
     * @param scryptN the scrypt cost of new keys (that of the current key)
     */
    KeyRing(Device device, MasterKey key, BlobName current, int scryptN, String host, SecureRandom random) {
        this.device = device;
        this.key = key;
        this.current = current;
        this.scryptN = scryptN;
        this.host = host;
        this.random = random;
    }

    /**
     * Every key, oldest first; after them every blob in {@code keys/} that is not a usable key file (planted or
     * damaged: open skips it), with no creation time and {@code kdf} {@value #UNUSABLE} followed by the reason, so
     * that it can be seen and removed.
     */
    public List<RepositoryKeyInfo> list() throws IOException {
        List<RepositoryKeyInfo> keys = new ArrayList<>();
        KeyFiles.Listing listing = KeyFiles.list(device);
        listing.files().forEach((name, file) -> keys.add(info(name, file)));
        keys.sort(Comparator.comparing(RepositoryKeyInfo::created).thenComparing(RepositoryKeyInfo::id));
        listing.unusable().forEach((name, reason) -> keys.add(unusable(name, reason)));
        return keys;
    }

    /** Writes a key file that opens the repository with {@code password} (not kept). */
    public RepositoryKeyInfo add(char[] password) throws IOException {
        if (password == null || password.length == 0) {
            throw new StowageException("a key needs a password; an empty one is refused");
        }
        BlobName name = KeyFiles.write(device, key, password, scryptN, host, random);
        return info(name, KeyFiles.read(device, name));
    }

    /**
     * Deletes the key with this id or unique id prefix.
     *
     * @throws StowageException if none or several match, or it is the current key
     */
    public RepositoryKeyInfo remove(String id) throws IOException {
        KeyFiles.Listing listing = KeyFiles.list(device);
        List<BlobName> matches = Stream.concat(listing.files().keySet().stream(),
                listing.unusable().keySet().stream()).filter(n -> n.id().startsWith(id)).toList();
        if (id.isEmpty() || matches.size() != 1) {
            throw new StowageException((matches.isEmpty() || id.isEmpty() ? "no key" : matches.size() + " keys")
                    + " of the repository on device '" + device.descriptor().id() + "' match '" + id
                    + "'; stowage:keys lists them");
        }
        BlobName name = matches.get(0);
        if (name.equals(current)) {
            throw new StowageException("key " + name.id().substring(0, 12) + " is the one this repository was"
                    + " opened with; point the repository configuration at another key's password (password.file"
                    + " in etc/org.stowage.repository.cfg) first, then remove this one");
        }
        KeyFile file = listing.files().get(name);
        RepositoryKeyInfo removed = file != null ? info(name, file) : unusable(name, listing.unusable().get(name));
        device.delete(name);
        return removed;
    }

    private RepositoryKeyInfo info(BlobName name, KeyFile file) {
        return new RepositoryKeyInfo(name.id(), file.created(), file.host(), file.kdf(), name.equals(current));
    }

    private static RepositoryKeyInfo unusable(BlobName name, String reason) {
        return new RepositoryKeyInfo(name.id(), null, null, UNUSABLE + " " + reason, false);
    }
}
