package org.stowage.engine.internal.restorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.tree.Node;

/**
 * What a restore will do, built by the {@link RestorePlanner}: directories (in creation order, parents first),
 * files with the (file, offset) places each content blob goes to, symbolic links, and the failures found while
 * planning. Memory: metadata only, one entry per file and per chunk reference; no content.
 *
 * <p>Thread-safe while it is built (the planner walks subtrees on several threads; the order of entries in the lists
 * is then not fixed); read by one thread afterwards.
 */
final class RestorePlan {

    final List<Dir> dirs = Collections.synchronizedList(new ArrayList<>());
    final List<RestoreFile> files = Collections.synchronizedList(new ArrayList<>());
    final List<Link> links = Collections.synchronizedList(new ArrayList<>());
    final Map<BlobId, PackedBlob> blobs = new ConcurrentHashMap<>();
    final Map<BlobId, List<Place>> places = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    void place(PackedBlob blob, RestoreFile file, long offset) {
        blobs.putIfAbsent(blob.id(), blob);
        Place place = new Place(file, offset);
        places.compute(blob.id(), (id, list) -> {
            List<Place> to = list == null ? new ArrayList<>(1) : list;
            to.add(place);
            return to;
        });
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
