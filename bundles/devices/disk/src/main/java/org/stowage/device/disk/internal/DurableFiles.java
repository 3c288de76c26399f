package org.stowage.device.disk.internal;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable-write primitives of the disk driver: write + {@code force} a new file, and fsync a folder so that a
 * rename in it survives power loss.
 *
 * <p>Folder fsync: Linux and the BSDs support it ({@code open(dir, O_RDONLY)} + {@code fsync}); Windows and some
 * network or FUSE file systems do not (opening a folder fails, or fsync returns EINVAL). Whether it works is tested
 * once per device root ({@link #folderSyncWorks}); where it does not, the driver logs a warning and skips it: blobs
 * are then still never partial (the rename is atomic), but a crash right after put may lose the newest blobs.
 * Where it was found to work, a later failure is an error.
 */
final class DurableFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {
    }

    /**
     * Creates {@code file} (it must not exist), writes {@code content} from position to limit without moving the
     * buffer's position, and forces data and metadata to the medium. On failure the file is deleted.
     */
    static void writeDurably(Path file, ByteBuffer content) throws IOException {
        ByteBuffer source = content.duplicate();
        // opened outside the try: a file that already existed is not ours to delete
        FileChannel channel = FileChannel.open(file, CREATE_NEW, WRITE);
        try (channel) {
            while (source.hasRemaining()) {
                channel.write(source);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(file, e);
            throw e;
        }
    }

    /**
     * Gives the complete file {@code temp} the name {@code target} unless that name exists: never replaces a blob
     * that another process sharing the root committed after this one looked (a plain rename would). A hard link
     * fails atomically when the name exists, as git commits its objects; where the file system has no hard links,
     * an atomic rename is the fallback, and write-once then holds within this process only. {@code temp} is gone
     * afterwards in every case but a failure.
     *
     * @return false if {@code target} already existed ({@code temp} is then deleted, the existing file untouched)
     */
    static boolean commitNew(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException exists) {
            Files.delete(temp);
            return false;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            if (noHardLinks instanceof FileSystemException e && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(temp);
        return true;
    }

    /** Fsyncs {@code folder} so that creations, renames and deletions in it are durable. */
    static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, READ)) {
            channel.force(true);
        }
    }

    /** Whether folder fsync works below {@code root}; logs a warning naming the root when it does not. */
    static boolean folderSyncWorks(Path root) {
        try {
            syncFolder(root);
            return true;
        } catch (IOException e) {
            LOG.warn("Folder fsync is not supported at {} ({}): blobs stay atomic, but a crash right after a put "
                    + "may lose the newest blobs; use a local POSIX file system for full durability",
                    root, e.toString());
            return false;
        }
    }

    /** Whether {@code file} holds exactly the remaining bytes of {@code content}; compares sizes first. */
    static boolean sameContent(Path file, ByteBuffer content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            if (channel.size() != content.remaining()) {
                return false;
            }
            ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
            long position = 0;
            while (position < content.remaining()) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), content.remaining() - position));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, position + chunk.position()) < 0) {
                        return false; // shrank while we compared: not the same content
                    }
                }
                chunk.flip();
                int start = content.position() + (int) position;
                if (!chunk.equals(content.duplicate().position(start).limit(start + chunk.remaining()))) {
                    return false;
                }
                position += chunk.remaining();
            }
            return true;
        }
    }

    /** Deletes what a failed write left; a failure to delete is added to {@code failure}. */
    static void deleteAfterFailure(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
