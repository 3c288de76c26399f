package org.stowage.engine.internal.restorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.tree.Node;

/**
 * What a restore will do, built by the {@link RestorePlanner}: directories (in creation order, parents first),
 * files with the (file, offset) places each content blob goes to, symbolic links, and the failures found while
 * planning. Memory: metadata only, one entry per file and per chunk reference; no content. Not thread-safe.
 */
final class RestorePlan {

    final List<Dir> dirs = new ArrayList<>();
    final List<RestoreFile> files = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    final Map<BlobId, PackedBlob> blobs = new HashMap<>();
    final Map<BlobId, List<Place>> places = new HashMap<>();
    final List<String> failures = new ArrayList<>();

    void place(PackedBlob blob, RestoreFile file, long offset) {
        blobs.putIfAbsent(blob.id(), blob);
        places.computeIfAbsent(blob.id(), id -> new ArrayList<>()).add(new Place(file, offset));
    }

    void fail(Path path, String reason) {
        failures.add(path + ": " + reason);
    }

    /** A directory to give its metadata after its children are restored; node is null for plain levels. */
    record Dir(Path path, Node node) {
    }

    record Link(Path path, Node node) {
    }

    record Place(RestoreFile file, long offset) {
    }
}
