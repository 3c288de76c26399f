package org.stowage.engine.internal.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.stowage.api.repository.RepositoryNotReadyException;

/**
 * A password kept in a file readable by its owner only: the repository's ({@code password.file}) or a new key's
 * ({@code stowage:key-add}). The password itself never reaches a log, a message or the shell; messages name the
 * file.
 */
public final class PasswordFile {

    private static final int GENERATED_BYTES = 32;

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
     * Reads the password: the file's first line, without the line break.
     *
     * @throws RepositoryNotReadyException naming the file and what to do if it is missing, unreadable or empty
     */
    public char[] read() {
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
     * Creates the file with a random password (256 bits, base64url) and owner-only permissions. Never replaces an
     * existing file: a lost password makes every backup unreadable.
     */
    public void generate() throws IOException {
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        byte[] line = (Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Files.createDirectories(path.toAbsolutePath().getParent());
        try {
            Files.write(Files.createFile(path, ownerOnly()), line, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("refusing to replace the existing password file " + path, e);
        } finally {
            Arrays.fill(random, (byte) 0);
            Arrays.fill(line, (byte) 0);
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        boolean posix = path.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews()
                .contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
