package org.stowage.engine.internal.restorer;

import java.nio.file.Path;

import org.stowage.engine.internal.tree.Node;

/**
 * One file being restored: written to {@link #temp} in its final directory, renamed to {@link #path} when its
 * last blob is written. The mutable fields are guarded by this object's lock ({@link BlobWriter} writes from
 * several threads).
 */
final class RestoreFile {

    final Path path;
    final Path temp;
    final Node node;
    /** Blob writes still missing before the file is complete. */
    int remaining;
    /** Why the file cannot be restored, or null. */
    String failure;
    /** Whether {@link #temp} was created (by the first write, or at completion of an empty file). */
    boolean created;
    /** Whether a sparse write left blocks out (then completion makes sure the file has its full length). */
    boolean holes;

    RestoreFile(Path path, Path temp, Node node, int blobs) {
        this.path = path;
        this.temp = temp;
        this.node = node;
        this.remaining = blobs;
    }

    boolean failed() {
        return failure != null;
    }
}
