package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.stowage.api.repository.ReplicaSwitch;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.snapshot.SnapshotReplicas;

/**
 * The replicas of one source in a backup from replicas: the same tree mounted at several roots. Every read of the
 * run, walk and file content alike, goes to the current replica; an operation that fails there is tried on the
 * others in the request's order, and the first that serves it becomes current (a switch, reported once). An
 * operation that fails on every replica is the entry's own problem (a file deleted meanwhile) and is thrown as the
 * current replica's failure, without a switch: a replica is left only for one that did better.
 *
 * <p>Why the first healthy replica and not the fastest by a probe: replicas of one tree are usually equal peers,
 * a short probe measures the page cache more than the medium, and the request's order lets the operator say which
 * one to spare. Thread-safe.
 */
final class Replicas {

    /** An operation on a path of one replica. */
    @FunctionalInterface
    interface Op<T> {
        T apply(Path onReplica) throws IOException;
    }

    private final List<Path> roots;
    private final AtomicInteger current;
    private final List<ReplicaSwitch> switches = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<ReplicaSwitch> onSwitch;
    /** Bytes read from a replica that failed beyond the last chunk handed in: read again from the next one. */
    final LongAdder reread = new LongAdder();
    /** Bytes not read at all because an earlier run's checkpoint had them stored ({@link Continuation}). */
    final LongAdder continued = new LongAdder();

    private Replicas(List<Path> roots, int first, Consumer<ReplicaSwitch> onSwitch) {
        this.roots = roots;
        this.current = new AtomicInteger(first);
        this.onSwitch = onSwitch;
    }

    /**
     * The replicas with the first healthy one current (its root is a folder this process can list).
     *
     * @throws StowageException naming every replica and why it is not usable, when none is
     */
    static Replicas choose(List<Path> replicas, Consumer<ReplicaSwitch> onSwitch) {
        List<Path> roots = replicas.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(roots.get(i))) {
                listing.iterator().hasNext();
                return new Replicas(roots, i, onSwitch);
            } catch (IOException | RuntimeException e) {
                problems.add(roots.get(i) + ": " + FileArchiver.describe(asIo(e)));
            }
        }
        throw new StowageException("no replica of the backup can be read (" + String.join("; ", problems)
                + "); mount one of them or fix its permissions and run the backup again");
    }

    Path root() {
        return roots.get(current.get());
    }

    int current() {
        return current.get();
    }

    int count() {
        return roots.size();
    }

    /** The path below whichever replica root {@code path} is under. */
    Path relative(Path path) {
        return roots.get(indexOf(path)).relativize(path);
    }

    /** The replica {@code path} is a path of (the deepest root it is under, should one replica hold another). */
    int indexOf(Path path) {
        int best = -1;
        for (int i = 0; i < roots.size(); i++) {
            if (path.startsWith(roots.get(i))
                    && (best < 0 || roots.get(i).getNameCount() > roots.get(best).getNameCount())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException(path + " is below none of the replicas " + roots);
        }
        return best;
    }

    Path on(int replica, Path path) {
        return roots.get(replica).resolve(relative(path));
    }

    /** Runs {@code op} on the current replica's copy of {@code path}, or the first other replica that serves it. */
    <T> T call(Path path, Op<T> op) throws IOException {
        int from = current.get();
        try {
            return op.apply(on(from, path));
        } catch (IOException failure) {
            return elsewhere(path, 0, from, failure, op);
        }
    }

    /**
     * After {@code failure} of replica {@code failed} at {@code offset} of {@code path}: runs {@code op} on the other
     * replicas in order and switches to the first that serves it.
     *
     * @throws IOException {@code failure}, with the others' failures suppressed, when none serves it
     */
    <T> T elsewhere(Path path, long offset, int failed, IOException failure, Op<T> op) throws IOException {
        for (int next : order(failed)) {
            T result;
            try {
                result = op.apply(on(next, path));
            } catch (IOException e) {
                failure.addSuppressed(e);
                continue;
            }
            if (current.compareAndSet(failed, next)) { // another thread may have switched already: report once
                ReplicaSwitch change = new ReplicaSwitch(relative(path).toString(), offset,
                        roots.get(failed).toString(), roots.get(next).toString(), FileArchiver.describe(failure));
                switches.add(change);
                onSwitch.accept(change);
            }
            return result;
        }
        throw failure;
    }

    /** The replicas to try after {@code failed}: the current one first if another thread moved on, then in order. */
    private List<Integer> order(int failed) {
        List<Integer> order = new ArrayList<>();
        int now = current.get();
        if (now != failed) {
            order.add(now);
        }
        for (int step = 1; step < roots.size(); step++) {
            int next = (failed + step) % roots.size();
            if (next != now) {
                order.add(next);
            }
        }
        return order;
    }

    List<ReplicaSwitch> switches() {
        synchronized (switches) {
            return List.copyOf(switches);
        }
    }

    List<String> rootNames() {
        return roots.stream().map(Path::toString).toList();
    }

    /** What the snapshot records. */
    SnapshotReplicas record() {
        return new SnapshotReplicas(SnapshotReplicas.FORMAT, rootNames(), switches(), reread.sum(), continued.sum());
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
}
