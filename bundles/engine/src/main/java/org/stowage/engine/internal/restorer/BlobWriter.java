package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;

/**
 * Writes each verified blob to every (file, offset) that needs it with positional writes, and completes a file
 * when its last blob is written: mode and mtime on the temporary file, then an atomic rename into place. A file
 * whose blob cannot be loaded or whose write fails is marked failed; {@link #discardFailed} removes its temporary
 * file.
 *
 * <p>A temporary file is created ({@code CREATE_NEW}, not following links) by the first write into it, so the
 * restore reads its first pack without first creating thousands of files, and nothing is ever written through a
 * link. Each write opens and closes the file: a handful of system calls per blob of about a megabyte, and no bound
 * on open descriptors to manage.
 *
 * <p>Thread-safe: the decoding threads write concurrently; everything about one file (its writes, remaining count,
 * failure, completion) happens under that {@link RestoreFile}'s lock, so writes to different files run in parallel
 * (the kernel serializes writes to one file anyway). {@link #discardFailed} must run after all writes.
 */
final class BlobWriter implements AutoCloseable {

    private static final OpenOption[] CREATE = {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS};
    private static final OpenOption[] REOPEN = {StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};

    private final RestorePlan plan;
    private final Metadata metadata;
    private final boolean sparse;
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();

    BlobWriter(RestorePlan plan, Metadata metadata) {
        this(plan, metadata, true);
    }

    /**
     * @param sparse leave all-zero blocks unwritten ({@link ZeroBlocks}), so that they stay holes; a file whose
     *               blobs are all zeros is then never even opened before its completion
     */
    BlobWriter(RestorePlan plan, Metadata metadata, boolean sparse) {
        this.plan = plan;
        this.metadata = metadata;
        this.sparse = sparse;
    }

    long filesDone() {
        return filesDone.get();
    }

    long bytesDone() {
        return bytesDone.get();
    }

    /** Writes a verified blob (position to limit; not changed) into every file that needs it. */
    void write(PackedBlob blob, ByteBuffer plaintext) {
        for (RestorePlan.Place place : plan.places.getOrDefault(blob.id(), List.of())) {
            RestoreFile file = place.file();
            synchronized (file) {
                if (file.failed()) {
                    continue;
                }
                try {
                    writeAt(file, plaintext.duplicate(), place.offset());
                    bytesDone.addAndGet(blob.plainLength());
                } catch (IOException e) {
                    file.failure = "cannot write " + file.temp.getFileName() + " (" + e + ")";
                    continue;
                }
                if (--file.remaining == 0) {
                    complete(file);
                }
            }
        }
    }

    private void writeAt(RestoreFile file, ByteBuffer view, long position) throws IOException {
        if (!sparse) {
            try (FileChannel channel = open(file)) {
                writeFully(channel, view, position);
            }
            return;
        }
        FileChannel[] channel = new FileChannel[1]; // opened by the first data run: none for a blob of zeros
        try {
            file.holes |= ZeroBlocks.forEachDataRun(view, position, (run, at) -> {
                if (channel[0] == null) {
                    channel[0] = open(file);
                }
                writeFully(channel[0], run, at);
            });
        } finally {
            if (channel[0] != null) {
                channel[0].close();
            }
        }
    }

    private static FileChannel open(RestoreFile file) throws IOException {
        FileChannel channel = FileChannel.open(file.temp, file.created ? REOPEN : CREATE);
        file.created = true;
        return channel;
    }

    private static void writeFully(FileChannel channel, ByteBuffer view, long position) throws IOException {
        while (view.hasRemaining()) {
            position += channel.write(view, position);
        }
    }

    /** After a sparse write left out the end: one zero byte at the end gives the file its length (a hole before). */
    private static void extend(RestoreFile file) throws IOException {
        try (FileChannel channel = open(file)) {
            if (channel.size() < file.node.size()) {
                writeFully(channel, ByteBuffer.allocate(1), file.node.size() - 1);
            }
        }
    }

    /**
     * Loads the blob on its own, from the first copy that holds it intact, and writes it: after its run's read or
     * decode failed with {@code problem}. When no copy is good, every file that needs it fails.
     */
    void writeAlone(Repository repository, PackedBlob blob, String problem) {
        try {
            write(blob, repository.loadBlob(blob.kind(), blob.id()));
        } catch (IOException | StowageException e) {
            String again = e.getMessage().equals(problem) ? "" : "; read again: " + e.getMessage();
            blobFailed(blob.id(), problem + again + " (pack " + blob.packId().substring(0, 8) + ")");
        }
    }

    /** The blob could not be loaded: every file that needs it fails. */
    void blobFailed(BlobId id, String reason) {
        for (RestorePlan.Place place : plan.places.getOrDefault(id, List.of())) {
            RestoreFile file = place.file();
            synchronized (file) {
                if (!file.failed()) {
                    file.failure = "data blob " + id.shortHex() + " cannot be restored: " + reason;
                }
            }
        }
    }

    /**
     * Completes a file that has all its content (also every empty file, which is created here): metadata, then the
     * atomic rename into place. A failure (its place is taken by a folder, say) fails this file alone; its temporary
     * file goes with {@link #discardFailed}.
     */
    void complete(RestoreFile file) {
        synchronized (file) {
            try {
                if (file.holes) {
                    extend(file);
                } else if (!file.created) {
                    open(file).close();
                }
                metadata.apply(file.temp, file.path, file.node);
                Files.move(file.temp, file.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                plan.restored(file.path);
                filesDone.incrementAndGet();
            } catch (IOException e) {
                file.failure = "cannot finish " + file.temp.getFileName() + " as " + file.path.getFileName() + " ("
                        + e + ")";
            }
        }
    }

    /**
     * Removes the temporary files of failed (or, defensively, unfinished) files and lists them as failures. Call
     * after every write has returned.
     */
    void discardFailed() throws IOException {
        for (RestoreFile file : plan.files) {
            synchronized (file) {
                if (!file.failed() && file.remaining > 0) {
                    file.failure = file.remaining + " blobs were never delivered";
                }
                if (file.failed()) {
                    if (file.created) {
                        Files.deleteIfExists(file.temp);
                    }
                    plan.fail(file.path, file.failure + "; not restored");
                }
            }
        }
    }

    /** Nothing stays open between writes; kept so callers can scope the writer. */
    @Override
    public void close() {
    }
}
