package org.stowage.engine.internal.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.RepositoryNotReadyException;

/**
 * A password kept in a file readable by its owner only: the repository's ({@code password.file}) or a new key's
 * ({@code stowage:key-add}). The password itself never reaches a log, a message or the shell; messages name the
 * file.
 */
public final class PasswordFile {

    private static final int GENERATED_BYTES = 32;
    private static final String FILE_MODE = "rw-------";
    private static final String FOLDER_MODE = "rwx------";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);

    private final Path path;
    private final String description;
    private final String remedy;

    /** The repository's password file, named by {@code password.file}. */
    public PasswordFile(Path path) {
        this(path, "the repository password file", "create it (one line, owner-only permissions) or set "
                + "'password.file' in etc/org.stowage.repository.cfg");
    }

    private PasswordFile(Path path, String description, String remedy) {
        this.path = path;
        this.description = description;
        this.remedy = remedy;
    }

    /** The file holding the password of a key about to be added. */
    public static PasswordFile ofNewKey(Path path) {
        return new PasswordFile(path, "the new key's password file", "write the new password as its first line "
                + "(owner-only permissions) and name the file by its absolute path");
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /**
     * Reads the password: the file's first line, without the line break. Logs a warning when others than the
     * owner may read the file ({@link #permissionProblem()}).
     *
     * @throws RepositoryNotReadyException naming the file and what to do if it is missing, unreadable or empty
     */
    public char[] read() {
        permissionProblem().ifPresent(LOG::warn);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new RepositoryNotReadyException("cannot read " + description + " " + path + ": "
                    + e.getMessage() + "; " + remedy);
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end == 0) {
                throw new RepositoryNotReadyException(description + " " + path + " is empty (or starts with a line "
                        + "break); " + remedy);
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * What is wrong with the file's permissions: a message naming the file and the command that fixes it when other
     * users than its owner may read or write it (a mode looser than 0600); empty when it is owner-only, missing, or
     * its file system has no POSIX permissions.
     */
    public Optional<String> permissionProblem() {
        if (!Files.exists(path) || !path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            return Optional.of("cannot read the permissions of " + description + " " + path + " (" + e
                    + "); make sure only the user Stowage runs as can read it");
        }
        if (permissions.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
            return Optional.empty();
        }
        return Optional.of(description + " " + path + " has permissions " + PosixFilePermissions.toString(permissions)
                + ": other users of this host can read or change it; run `chmod 600 " + path + "`");
    }

    /**
     * Creates the file with a random password (256 bits, base64url) and owner-only permissions, durably: the
     * password is written to a temporary file in the same folder and forced to the medium, the temporary file is
     * renamed to the password file, and the folder is fsynced, so that a crash leaves either no password file or a
     * complete one. Folders it creates are owner-only. Never replaces an existing file: a lost password makes every
     * backup unreadable.
     */
    public void generate() throws IOException {
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        ByteBuffer line = ByteBuffer.wrap((Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        Path file = path.toAbsolutePath();
        Path folder = file.getParent();
        try {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            createFolders(folder);
            Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".new",
                    ownerOnly(folder, FILE_MODE));
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    while (line.hasRemaining()) {
                        channel.write(line);
                    }
                    channel.force(true);
                }
                Files.move(temporary, file); // without REPLACE_EXISTING: fails if the file appeared meanwhile
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException deleting) {
                    e.addSuppressed(deleting);
                }
                throw e;
            }
            syncFolder(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("refusing to replace the existing password file " + path, e);
        } finally {
            Arrays.fill(random, (byte) 0);
            Arrays.fill(line.array(), (byte) 0);
        }
    }

    /** Creates the missing folders of {@code folder}, owner-only, each made durable in its parent. */
    private static void createFolders(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path created = missing.pop();
            Files.createDirectory(created, ownerOnly(created, FOLDER_MODE));
            syncFolder(created.getParent());
        }
    }

    /**
     * Fsyncs {@code folder} so that a file created or renamed in it survives a power loss. Some platforms cannot
     * (Windows cannot open a folder; some network file systems refuse): there the file is complete but may be lost
     * with the next seconds of writes, which is logged.
     */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.warn("Could not fsync folder {} after writing a password file in it ({}): the file is complete, but a "
                    + "crash in the next seconds may lose it; check that it is still there after a crash", folder,
                    e.toString());
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path on, String mode) {
        boolean posix = on.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }
}
