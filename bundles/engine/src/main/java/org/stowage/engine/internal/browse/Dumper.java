package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;

/**
 * Writes one entry of a snapshot to a stream: a file's content, or a directory as a tar stream ({@link TarDumper}).
 * Blobs are loaded one at a time through {@link Repository#loadBlob}, which verifies each (so memory is one chunk
 * and nothing unverified is written). Does not close the stream. Stateless apart from the repository.
 */
public final class Dumper {

    private final Repository repo;

    public Dumper(Repository repo) {
        this.repo = repo;
    }

    /**
     * @throws StowageException if the path is not in the snapshot, is the root or is neither file nor directory
     */
    public NodeInfo dump(Snapshot snapshot, String path, OutputStream out) throws IOException {
        Node node = Trees.entry(repo, snapshot.tree(), path);
        String normalized = "/" + String.join("/", Trees.names(path));
        if (node == null) {
            throw new StowageException("dump needs a file or folder inside the snapshot, not its root; name one of"
                    + " its paths " + snapshot.paths());
        }
        if (node.type() == NodeType.FILE) {
            content(node, normalized, out);
        } else if (node.type() == NodeType.DIR) {
            new TarDumper(this, out).dump(node, normalized);
        } else {
            throw new StowageException(normalized + " is a " + node.type().name().toLowerCase()
                    + ", not a file or folder: there are no bytes to dump; see it with stowage:ls");
        }
        out.flush();
        return Trees.info(normalized, node);
    }

    /** Writes the content of file {@code node} at {@code path}, blob by blob, each verified. */
    void content(Node node, String path, OutputStream out) throws IOException {
        requireContent(node, path);
        WritableByteChannel channel = Channels.newChannel(out);
        for (BlobId id : node.content()) {
            ByteBuffer plain = repo.loadBlob(BlobKind.DATA, id);
            while (plain.hasRemaining()) {
                channel.write(plain);
            }
        }
    }

    /** @throws StowageException if the file at {@code path} could not be read at backup time */
    static void requireContent(Node node, String path) {
        if (node.error() != null) {
            throw new StowageException(path + " was not readable at backup time (" + node.error()
                    + "): the snapshot holds no content for it");
        }
    }

    Repository repository() {
        return repo;
    }
}
