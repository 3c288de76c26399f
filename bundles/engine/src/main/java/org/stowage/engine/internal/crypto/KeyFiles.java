package org.stowage.engine.internal.crypto;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.SCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.engine.internal.json.Json;

/**
 * Writes and opens key files: the master key wrapped under scrypt(password). A key file's id is the hex SHA-256 of
 * its bytes. Stateless and thread-safe.
 */
public final class KeyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
    private static final int R = 8;
    private static final int P = 1;
    /** A key file has ~300 bytes; a larger blob in keys/ is not read into memory. */
    static final int MAX_FILE_BYTES = 64 << 10;

    private KeyFiles() {
    }

    /** Wraps {@code key} under {@code password} with scrypt cost {@code n} and stores a new key file. */
    public static BlobName write(Device device, MasterKey key, char[] password, int n, String host,
                                 SecureRandom random) throws IOException {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        byte[] material = key.toBytes();
        ByteBuffer wrapped = ByteBuffer.allocateDirect(MasterKey.BYTES + Sealer.OVERHEAD);
        try {
            new Sealer(kek(password, salt, n, R, P)).seal(ByteBuffer.wrap(material), wrapped,
                    Domain.KEY.aad());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        byte[] sealed = new byte[wrapped.flip().remaining()];
        wrapped.get(sealed);
        byte[] json = Json.write(new KeyFile(1, Instant.now(), host, KeyFile.SCRYPT, n, R, P, salt, sealed));
        BlobName name = BlobName.of(BlobType.KEY, Sha256.hex(json));
        device.put(name, ByteBuffer.wrap(json));
        return name;
    }

    /**
     * Refuses a scrypt cost {@code n} that the key files this class writes could not be opened with (see
     * {@link KeyFile#checkScrypt}).
     */
    public static void checkCost(int n) {
        KeyFile.checkScrypt(n, R, P);
    }

    /** The master key, and the key file it was unwrapped from. */
    public record Opened(MasterKey key, BlobName name, KeyFile file) {
    }

    /**
     * Every blob in {@code keys/}, in name order: the key files that {@link #read} accepts, and the others with the
     * reason they are not usable (so that an operator sees a planted or damaged one and can remove it). Reads no
     * secret.
     */
    public record Listing(Map<BlobName, KeyFile> files, Map<BlobName, String> unusable) {
    }

    /** Lists {@code keys/}; only a failure to list the folder is thrown. */
    public static Listing list(Device device) throws IOException {
        Map<BlobName, KeyFile> files = new LinkedHashMap<>();
        Map<BlobName, String> unusable = new LinkedHashMap<>();
        for (BlobName name : names(device)) {
            try {
                files.put(name, read(device, name));
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                unusable.put(name, e.getMessage());
            }
        }
        return new Listing(files, unusable);
    }

    private static List<BlobName> names(Device device) throws IOException {
        List<BlobName> names = new ArrayList<>();
        device.list(BlobType.KEY, info -> names.add(info.name()));
        names.sort(null);
        return names;
    }

    /**
     * The master key from the first key file (in name order) that {@code password} opens. A key file that cannot be
     * read or parsed, or whose parameters are out of bounds ({@link KeyFile}), is skipped with its reason (logged
     * when another key opens, named in the exception when none does): one bad or planted file must not lock the
     * repository, nor make opening exhaust memory.
     *
     * @throws RepositoryNotReadyException if the device has no key file or the password opens none of them
     */
    public static Opened open(Device device, char[] password) throws IOException {
        String deviceId = device.descriptor().id();
        List<BlobName> names = names(device);
        if (names.isEmpty()) {
            throw new RepositoryNotReadyException("device '" + deviceId + "' holds no repository (no key file in "
                    + BlobType.KEY.folder() + "/); initialize one first");
        }
        List<String> skipped = new ArrayList<>();
        for (BlobName name : names) {
            KeyFile file;
            try {
                file = read(device, name);
            } catch (IOException e) {
                skipped.add(e.getMessage());
                continue;
            }
            MasterKey key = tryUnwrap(file, password);
            if (key != null) {
                skipped.forEach(reason -> LOG.warn("Opening the repository on device '{}' skipped a key file: {}",
                        deviceId, reason));
                return new Opened(key, name, file);
            }
        }
        throw new RepositoryNotReadyException("the password does not open any key of the repository on device '"
                + deviceId + "' (" + (names.size() - skipped.size()) + " key file(s) tried"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped: " + String.join("; ", skipped))
                + "); check the password file configured for this repository");
    }

    /**
     * One key file's content, its parameters checked against {@link KeyFile}'s bounds. Reads no secret.
     *
     * @throws IOException naming the key file and the device when it cannot be read, is not a key file's JSON or
     *                     has parameters out of bounds
     */
    public static KeyFile read(Device device, BlobName name) throws IOException {
        try {
            long size = device.stat(name).orElseThrow(() -> new BlobNotFoundException(device.descriptor().id(), name))
                    .size();
            if (size > MAX_FILE_BYTES) {
                throw new IOException("it has " + size + " bytes; a key file has a few hundred, at most "
                        + MAX_FILE_BYTES + " are read");
            }
            return Json.read(device.get(name, ByteRange.of(0, size)), KeyFile.class);
        } catch (IOException e) {
            throw new IOException("cannot use key file " + name + " on device '" + device.descriptor().id()
                    + "': " + e.getMessage(), e);
        }
    }

    /** Null when the password does not open this key file (its tag fails): the caller tries the next one. */
    private static MasterKey tryUnwrap(KeyFile file, char[] password) {
        SecretKey kek = kek(password, file.salt(), file.n(), file.r(), file.p());
        ByteBuffer sealed = ByteBuffer.allocateDirect(file.wrapped().length).put(file.wrapped()).flip();
        ByteBuffer plain = ByteBuffer.allocateDirect(file.wrapped().length - Sealer.OVERHEAD);
        try {
            new Sealer(kek).open(sealed, plain, Domain.KEY.aad());
        } catch (AEADBadTagException wrongPassword) {
            return null;
        }
        byte[] material = new byte[plain.flip().remaining()];
        plain.get(material);
        try {
            return MasterKey.fromBytes(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static SecretKey kek(char[] password, byte[] salt, int n, int r, int p) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            byte[] derived = SCrypt.generate(bytes, salt, n, r, p, 32);
            return new SecretKeySpec(derived, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
