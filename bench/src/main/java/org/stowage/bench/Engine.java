package org.stowage.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.RestoreService;
import org.stowage.device.disk.internal.DiskDevice;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineCheckService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.warmup.Warmup;

/**
 * The product's engine on a real disk device, wired by hand instead of by OSGi: the repository directory is the
 * root of a {@link DiskDevice} (kind DISK, as the default "local" device), the repository is opened with
 * {@link Repositories} with the product's default options (those of etc/org.stowage.repository.cfg), and backup,
 * restore and check go through the same facades that the OSGi RepositoryComponent registers for the shell.
 */
final class Engine implements Closeable {

    static final String DEVICE_ID = "bench";
    /** DISK's default of the disk family (DiskSettings.DISK_MAX_IN_FLIGHT): only decides when status says BUSY. */
    private static final int MAX_IN_FLIGHT = 2;

    private final Repository repository;
    private final long openMillis;

    private Engine(Repository repository, long openMillis) {
        this.repository = repository;
        this.openMillis = openMillis;
    }

    /** Creates a repository in {@code dir} (created if missing; must be empty). */
    static Engine init(Path dir, Path passwordFile, RepositoryOptions options) throws IOException {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        char[] password = readPassword(passwordFile);
        Warmup.atRepositoryOpen();
        try {
            return new Engine(Repositories.init(device(dir), password, options), millisSince(start));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Opens the repository in {@code dir}: unlocks the key (scrypt) and loads the index. */
    static Engine open(Path dir, Path passwordFile) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no repository directory " + dir + ": run init first");
        }
        long start = System.nanoTime();
        char[] password = readPassword(passwordFile);
        Warmup.atRepositoryOpen();
        try {
            return new Engine(Repositories.open(device(dir), password), millisSince(start));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    Repository repository() {
        return repository;
    }

    /** Wall time of init or open (key derivation, index load). */
    long openMillis() {
        return openMillis;
    }

    /** The product's backup facade (parent selection, then the archiver). */
    BackupService backupService() {
        return new EngineBackupService(() -> repository);
    }

    /** The product's restore facade (snapshot lookup, then the restorer). */
    RestoreService restoreService() {
        return new EngineRestoreService(() -> repository);
    }

    /** The product's check facade (the checker, read-only). */
    CheckService checkService() {
        return new EngineCheckService(() -> repository);
    }

    @Override
    public void close() throws IOException {
        repository.close();
    }

    /** The bench's disk device over {@code dir}, as the product's default "local" device. */
    static Device device(Path dir) {
        DeviceDescriptor descriptor = new DeviceDescriptor(DEVICE_ID, "disk", DeviceKind.DISK, AccessType.RANDOM, 0);
        return new DiskDevice(descriptor, dir.toAbsolutePath().normalize(), MAX_IN_FLIGHT);
    }

    /** The password file's first line, as the product's password file is read. */
    private static char[] readPassword(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end == 0) {
                throw new IOException("the password file " + file + " is empty");
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
            char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return password;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
