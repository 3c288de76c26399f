package org.stowage.engine.internal.restorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.tree.Node;

/**
 * What a restore will do, built by the {@link RestorePlanner}: directories (in creation order, parents first),
 * files with the (file, offset) places each content blob goes to, symbolic links, special files, hard links (later
 * names of a file restored under its first name), and the failures found while planning. Memory: metadata only, one entry per file and per chunk reference; no content.
 *
 * <p>Thread-safe while it is built (the planner walks subtrees on several threads; the order of entries in the lists
 * is then not fixed); read by one thread afterwards.
 */
final class RestorePlan {

    final List<Dir> dirs = Collections.synchronizedList(new ArrayList<>());
    final List<RestoreFile> files = Collections.synchronizedList(new ArrayList<>());
    final List<Link> links = Collections.synchronizedList(new ArrayList<>());
    /** Special files (FIFOs, device nodes, sockets) to create. */
    final List<Link> specials = Collections.synchronizedList(new ArrayList<>());
    /** Later names of hard-linked entries, linked to their first restored name after everything else exists. */
    final List<HardLink> hardLinks = Collections.synchronizedList(new ArrayList<>());
    /** The first planned name of each hard-linked (device, inode), which gets the content. */
    private final Map<String, Path> origins = new ConcurrentHashMap<>();
    private final Set<Path> originPaths = ConcurrentHashMap.newKeySet();
    private final Set<Path> originsRestored = ConcurrentHashMap.newKeySet();
    final Map<BlobId, PackedBlob> blobs = new ConcurrentHashMap<>();
    final Map<BlobId, List<Place>> places = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** Entries left out because the target already had them ({@link Existing}). */
    final AtomicLong skipped = new AtomicLong();

    void place(PackedBlob blob, RestoreFile file, long offset) {
        blobs.putIfAbsent(blob.id(), blob);
        Place place = new Place(file, offset);
        places.compute(blob.id(), (id, list) -> {
            List<Place> to = list == null ? new ArrayList<>(1) : list;
            to.add(place);
            return to;
        });
    }

    /**
     * For a hard-linked entry: null when {@code path} is the first name of its file in this restore (it is restored
     * as usual), else the first name, which {@code path} is to be a hard link of.
     */
    Path linkOrigin(Node node, Path path) {
        Path first = origins.putIfAbsent(node.device() + ":" + node.inode(), path);
        if (first == null) {
            originPaths.add(path);
        }
        return first == null || first.equals(path) ? null : first;
    }

    /** Notes that {@code path} was put in place (only hard-link origins are remembered). */
    void restored(Path path) {
        if (!originPaths.isEmpty() && originPaths.contains(path)) {
            originsRestored.add(path);
        }
    }

    boolean originRestored(Path origin) {
        return originsRestored.contains(origin);
    }

    void fail(Path path, String reason) {
        failures.add(path + ": " + reason);
    }

    /** A directory to give its metadata after its children are restored; node is null for plain levels. */
    record Dir(Path path, Node node) {
    }

    record Link(Path path, Node node) {
    }

    /** {@code path} is to be a hard link of {@code origin}. */
    record HardLink(Path path, Path origin, Node node) {
    }

    record Place(RestoreFile file, long offset) {
    }
}
