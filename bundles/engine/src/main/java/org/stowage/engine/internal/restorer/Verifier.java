package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;

/**
 * A restore's {@code --verify}: reads each restored file back in the pieces its content blobs cover and compares the
 * id of each piece ({@link Repository#blobId}, the same keyed hash the backup named the blob with) and the file's
 * length with the snapshot. A difference is a failure of the restore naming the file and the offset. The read goes
 * through the page cache, so it proves what the file system returns, not what reached the platter. Memory: one buffer
 * of the largest blob (≤ chunkMax). Not thread-safe: one thread verifies a plan's files.
 */
final class Verifier {

    private final Repository repository;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    Verifier(Repository repository) {
        this.repository = repository;
    }

    /** Verifies every file the plan put in place; returns how many were equal. */
    long verifyAll(RestorePlan plan) {
        long equal = 0;
        for (RestoreFile file : plan.files) {
            if (file.failed()) {
                continue;
            }
            String difference = difference(file);
            if (difference == null) {
                equal++;
            } else {
                plan.fail(file.path, "verify: " + difference + "; restore it again");
            }
        }
        return equal;
    }

    /** Null if the file on disk holds exactly the node's content, else what differs. */
    private String difference(RestoreFile file) {
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() != file.node.size()) {
                return "it has " + channel.size() + " bytes, the snapshot " + file.node.size();
            }
            long offset = 0;
            for (BlobId id : file.node.content()) {
                Optional<PackedBlob> blob = repository.lookup(BlobKind.DATA, id);
                if (blob.isEmpty()) {
                    return "data blob " + id.shortHex() + " is no longer in the index, nothing to compare with";
                }
                ByteBuffer piece = read(channel, offset, blob.get().plainLength());
                if (!repository.blobId(piece).equals(id)) {
                    return "the bytes at offset " + offset + " differ from blob " + id.shortHex();
                }
                offset += blob.get().plainLength();
            }
            return null;
        } catch (IOException e) {
            return "cannot read it back (" + e + ")";
        }
    }

    private ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(length);
        }
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break; // the length check above makes this a concurrent truncation; the id will differ
            }
        }
        return buffer.flip();
    }
}
