package org.stowage.engine.internal.crypto;

import java.io.IOException;
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

    private static final int R = 8;
    private static final int P = 1;

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

    /** The master key, and the key file it was unwrapped from. */
    public record Opened(MasterKey key, BlobName name, KeyFile file) {
    }

    /** Every key file on the device by name, in name order. Reads no secret. */
    public static Map<BlobName, KeyFile> list(Device device) throws IOException {
        Map<BlobName, KeyFile> files = new LinkedHashMap<>();
        for (BlobName name : names(device)) {
            files.put(name, read(device, name));
        }
        return files;
    }

    private static List<BlobName> names(Device device) throws IOException {
        List<BlobName> names = new ArrayList<>();
        device.list(BlobType.KEY, info -> names.add(info.name()));
        names.sort(null);
        return names;
    }

    /**
     * The master key from the first key file (in name order) that {@code password} opens.
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
        for (BlobName name : names) {
            KeyFile file = read(device, name);
            MasterKey key = tryUnwrap(file, password, name, deviceId);
            if (key != null) {
                return new Opened(key, name, file);
            }
        }
        throw new RepositoryNotReadyException("the password does not open any key of the repository on device '"
                + deviceId + "' (" + names.size() + " key file(s) tried); check the password file configured for "
                + "this repository");
    }

    /** One key file's content. Reads no secret. */
    public static KeyFile read(Device device, BlobName name) throws IOException {
        try {
            return Json.read(device.get(name, ByteRange.ALL), KeyFile.class);
        } catch (IOException e) {
            throw new IOException("cannot read key file " + name + " on device '" + device.descriptor().id()
                    + "': " + e.getMessage(), e);
        }
    }

    /** Null when the password does not open this key file (its tag fails): the caller tries the next one. */
    private static MasterKey tryUnwrap(KeyFile file, char[] password, BlobName name, String deviceId)
            throws IOException {
        if (!KeyFile.SCRYPT.equals(file.kdf()) || file.salt() == null || file.wrapped() == null) {
            throw new IOException("key file " + name + " on device '" + deviceId + "' uses unknown KDF '"
                    + file.kdf() + "' or lacks salt/wrapped key; it was written by another program or version");
        }
        SecretKey kek = kek(password, file.salt(), file.n(), file.r(), file.p());
        ByteBuffer sealed = ByteBuffer.allocateDirect(file.wrapped().length).put(file.wrapped()).flip();
        ByteBuffer plain = ByteBuffer.allocateDirect(Math.max(0, file.wrapped().length - Sealer.OVERHEAD));
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
