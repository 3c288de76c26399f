package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * Writes each verified blob to every (file, offset) that needs it with positional writes, and completes a file
 * when its last blob is written: mode and mtime on the temporary file, then an atomic rename into place. A file
 * whose blob cannot be loaded or whose write fails is marked failed; {@link #discardFailed} removes its temporary
 * file. Not thread-safe: the restorer writes from one thread.
 */
final class BlobWriter implements AutoCloseable {

    private final RestorePlan plan;
    private final OpenFiles open = new OpenFiles(128);
    long filesDone;
    long bytesDone;

    BlobWriter(RestorePlan plan) {
        this.plan = plan;
    }

    void write(PackedBlob blob, ByteBuffer plaintext) {
        for (RestorePlan.Place place : plan.places.getOrDefault(blob.id(), List.of())) {
            RestoreFile file = place.file();
            if (file.failed()) {
                continue;
            }
            try {
                FileChannel channel = open.channel(file);
                ByteBuffer view = plaintext.duplicate();
                long position = place.offset();
                while (view.hasRemaining()) {
                    position += channel.write(view, position);
                }
                bytesDone += blob.plainLength();
                if (--file.remaining == 0) {
                    complete(file);
                }
            } catch (IOException e) {
                file.failure = "cannot write or finish " + file.temp.getFileName() + " (" + e + ")";
            }
        }
    }

    /** The blob could not be loaded: every file that needs it fails. */
    void blobFailed(BlobId id, String reason) {
        for (RestorePlan.Place place : plan.places.getOrDefault(id, List.of())) {
            if (!place.file().failed()) {
                place.file().failure = "data blob " + id.shortHex() + " cannot be restored: " + reason;
            }
        }
    }

    /** Completes a file that has all its content (also every empty file). */
    void complete(RestoreFile file) throws IOException {
        open.close(file);
        Metadata.apply(file.temp, file.node);
        Files.move(file.temp, file.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        filesDone++;
    }

    /** Removes the temporary files of failed (or, defensively, unfinished) files and lists them as failures. */
    void discardFailed() throws IOException {
        open.close();
        for (RestoreFile file : plan.files) {
            if (!file.failed() && file.remaining > 0) {
                file.failure = file.remaining + " blobs were never delivered";
            }
            if (file.failed()) {
                Files.deleteIfExists(file.temp);
                plan.fail(file.path, file.failure + "; not restored");
            }
        }
    }

    @Override
    public void close() throws IOException {
        open.close();
    }
}
