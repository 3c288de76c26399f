package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.chunker.Chunker;
import org.stowage.engine.internal.compress.Compressor;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.memory.MemoryBudget;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.posix.FileSystemExtras;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.selection.Selection;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;

/**
 * Backs up files into a snapshot.
 *
 * <p><b>Pipeline.</b> The calling thread walks the sources ({@link SourceWalker}). Files go to {@code threads}
 * reader threads ({@link FileArchiver}: read, chunk, copy each chunk into a pooled direct buffer), chunks go to
 * {@code threads} saver threads ({@link BlobSaver}: hash and {@code saveBlob}, which compresses and encrypts), so
 * reading, hashing, compression and encryption overlap across files and within one large file. A directory's tree
 * is saved by the thread that finishes its last entry (bottom-up). A scanner counts totals beside it.
 *
 * <p><b>Memory.</b> A run is admitted by the {@link MemoryBudget} with the repository's pack buffers
 * ({@link Repository#saveMemory}) plus {@link #memoryPerThread} for each reader/saver pair, at least two pairs and at
 * most {@code threads}; it runs as many pairs as its grant holds. Beside that: metadata of at most
 * {@code 4 x pairs} files in flight and of the directories on the walk path whose entries are not yet saved. The
 * run frees its buffers when it ends, and its threads their scratch memory.
 *
 * <p><b>Failure.</b> A missing source path fails before anything is written. An unreadable entry is warned about
 * and kept with an error. Any other failure stops the workers; if data was saved, the completed part of the tree
 * is committed as a snapshot with {@code incompleteReason} (so the next run reuses it), and the failure is thrown.
 *
 * <p>One backup per instance at a time; the repository may be shared.
 */
public final class Archiver {

    /** Reader/saver pairs a run needs at least: one file read while another's chunks are saved. */
    static final int MIN_THREADS = 2;
    /** Bytes handed to the repository between two checkpoints of a backup from replicas (docs/design.md §14a). */
    public static final long CHECKPOINT_INTERVAL = 64L << 20;

    private final Repository repository;
    private final SourceOpener opener;
    private final int threads;
    private final FileSystemExtras extras;
    private final long checkpointInterval;

    public Archiver(Repository repository, SourceOpener opener, int threads) {
        this(repository, opener, threads, FileSystemExtras.platform());
    }

    /** @param extras reads extended attributes and ACLs; {@link FileSystemExtras#platform()} but in tests */
    public Archiver(Repository repository, SourceOpener opener, int threads, FileSystemExtras extras) {
        this(repository, opener, threads, extras, CHECKPOINT_INTERVAL);
    }

    private Archiver(Repository repository, SourceOpener opener, int threads, FileSystemExtras extras,
                     long checkpointInterval) {
        this.repository = repository;
        this.opener = opener;
        this.threads = Math.max(MIN_THREADS, threads);
        this.extras = extras;
        this.checkpointInterval = checkpointInterval;
    }

    /** This archiver with checkpoints every {@code bytes} of a backup from replicas (tests use small ones). */
    public Archiver checkpointEvery(long bytes) {
        return new Archiver(repository, opener, threads, extras, bytes);
    }

    public Archiver(Repository repository) {
        this(repository, SourceOpener.FILES, Runtime.getRuntime().availableProcessors());
    }

    /** The paths as a snapshot records them: absolute, normalized, sorted, without paths nested in another. */
    public static List<Path> sourcePaths(List<Path> paths) {
        return SourcePaths.normalize(paths);
    }

    /**
     * Backs up {@code paths} and commits the snapshot.
     *
     * @param parent the snapshot whose unchanged files are reused, or null to read everything
     * @throws StowageException if a path does not exist or the repository fails (after committing an incomplete
     *                          snapshot where data was saved)
     */
    public SnapshotRecord backup(List<Path> paths, String host, Set<String> tags, SnapshotRecord parent,
                                 ProgressListener listener) {
        return backup(paths, Selection.EVERYTHING, host, tags, parent, listener);
    }

    /**
     * Backs up {@code paths} with what {@code selection} admits below them and commits the snapshot, which records
     * the selection. The selection's listed paths must already be part of {@code paths}.
     *
     * @param parent the snapshot whose unchanged files are reused, or null to read everything
     * @throws StowageException if a path does not exist or the repository fails (after committing an incomplete
     *                          snapshot where data was saved)
     */
    public SnapshotRecord backup(List<Path> paths, Selection selection, String host, Set<String> tags,
                                 SnapshotRecord parent, ProgressListener listener) {
        SourcePaths sources = SourcePaths.of(paths);
        List<Path> normalized = SourcePaths.normalize(paths);
        Instant start = Instant.now();
        ArchiveContext context = new ArchiveContext(repository, listener, opener);
        try (Repository.Lease lease = repository.lockShared("backup of " + normalized);
             Run run = new Run(context, normalized, selection, host, tags, parent, start, lease)) {
            return run.execute(sources);
        } catch (IOException e) {
            throw new StowageException("cannot lock or unlock the repository on device '"
                    + repository.firstDeviceId() + "' for the backup of " + normalized + ": " + e, e);
        }
    }

    /**
     * Backs up the tree mounted at each of {@code replicas} as {@code logicalPath} (which need not exist here) and
     * commits the snapshot: each file is read from the current replica, and a read that fails moves the run to the
     * next replica that serves it, continuing the file at its last chunk handed in ({@link ReplicaFileRead}). Progress
     * goes into checkpoints in the repository as it goes; the snapshot records the replicas and every switch.
     *
     * @throws StowageException if no replica can be read, or as {@link #backup}
     */
    public SnapshotRecord backupReplicas(Path logicalPath, List<Path> replicas, Selection selection, String host,
                                         Set<String> tags, SnapshotRecord parent, ProgressListener listener) {
        Path logical = logicalPath.toAbsolutePath().normalize();
        CheckpointWriter[] writer = new CheckpointWriter[1]; // the replicas report switches to it once it exists
        Replicas chosen = Replicas.choose(replicas, change -> {
            writer[0].switched(); // first, so that whoever the listener tells finds the checkpoint
            listener.replicaSwitched(change);
        });
        writer[0] = new CheckpointWriter(repository.checkpoints(), chosen, listener, host, logical,
                checkpointInterval);
        Instant start = Instant.now();
        Continuation earlier = Continuation.find(repository.checkpoints(), logical, chosen.rootNames(), listener);
        ArchiveContext context = new ArchiveContext(repository, listener, opener, chosen, writer[0], earlier);
        try (Repository.Lease lease = repository.lockShared("backup of " + logical + " from replicas " + replicas);
             Run run = new Run(context, List.of(logical), selection, host, tags, parent, start, lease)) {
            return run.execute(SourcePaths.logical(logical));
        } catch (IOException e) {
            throw new StowageException("cannot lock or unlock the repository on device '"
                    + repository.firstDeviceId() + "' for the backup of " + logical + ": " + e, e);
        }
    }

    /**
     * Backs up the bytes of {@code content}, read to its end, as the one file {@code /<name>} of a new snapshot
     * (restic's {@code --stdin}), and commits the snapshot. The file gets mode 0644, this process's owner and the
     * current time. The content is chunked and deduplicated as a file's is; a read error of {@code content} fails
     * the run (after committing an incomplete snapshot where data was saved), unlike an unreadable file of a tree,
     * which is skipped, because the stream is all this backup has.
     *
     * @param parent recorded as the snapshot's parent (a stream is always read: nothing of it can be reused unread)
     * @throws StowageException if the stream cannot be read or the repository fails
     */
    public SnapshotRecord backupStream(String name, ReadableByteChannel content, String host, Set<String> tags,
                                       SnapshotRecord parent, ProgressListener listener) {
        Path path = Path.of("/", name);
        Instant start = Instant.now();
        ArchiveContext context = new ArchiveContext(repository, listener, StreamSource.opener(path, content));
        try (Repository.Lease lease = repository.lockShared("backup of stream " + path);
             Run run = new Run(context, List.of(path), Selection.EVERYTHING, host, tags, parent, start, lease)) {
            return run.executeStream(path, StreamSource.meta(start));
        } catch (IOException e) {
            throw new StowageException("cannot lock or unlock the repository on device '"
                    + repository.firstDeviceId() + "' for the backup of stream " + path + ": " + e, e);
        }
    }

    /**
     * What one reader/saver pair holds at most: three pooled chunk buffers, the reader's chunking buffer (2 x
     * chunkMax, on the heap), the saver's scratch for a chunk's compressed and sealed forms, and its zstd context.
     */
    static long memoryPerThread(int chunkMax) {
        return 3L * chunkMax + 2L * chunkMax + 2 * StoredForm.scratchBytes(chunkMax) + Compressor.CONTEXT_BYTES;
    }

    /** The least memory a backup into {@code repository} runs with: its pack buffers and two reader/saver pairs. */
    public static long minimumMemory(Repository repository) {
        return repository.saveMemory() + MIN_THREADS * memoryPerThread(repository.config().chunkMax());
    }

    /** The state of one backup run; closing it frees its buffers and gives its memory grant back. */
    private final class Run implements AutoCloseable {

        private final ArchiveContext context;
        private final List<Path> paths;
        private final Selection selection;
        private final SourceFilter filter;
        private final String host;
        private final Set<String> tags;
        private final SnapshotRecord parent;
        private final Instant start;
        private final Repository.Lease lease;
        private final BlobSaver saver;
        private final WorkerThreads readerThreads = WorkerThreads.named("stowage-archiver-reader-");
        private final ExecutorService readers;
        private final ParentTrees parents;
        private final SourceWalker walker;
        private final FileArchiver files;
        private final BufferPool pool;
        private final MemoryBudget.Grant memory;
        private final PendingDir root = new PendingDir(null, null);

        Run(ArchiveContext context, List<Path> paths, Selection selection, String host, Set<String> tags,
            SnapshotRecord parent, Instant start, Repository.Lease lease) {
            this.context = context;
            this.paths = paths;
            this.selection = selection;
            this.filter = new SourceFilter(selection);
            this.host = host;
            this.tags = tags;
            this.parent = parent;
            this.start = start;
            this.lease = lease;
            Chunker chunker = Chunker.of(repository.config());
            long packs = repository.saveMemory();
            long perThread = memoryPerThread(chunker.max());
            this.memory = MemoryBudget.shared().admit("the backup of " + paths, minimumMemory(repository),
                    packs + threads * perThread);
            int pairs = memory.threads(packs, perThread, threads);
            try {
                this.pool = new BufferPool(3 * pairs, chunker.max());
            } catch (RuntimeException | Error e) {
                memory.close(); // e.g. out of direct memory: a grant nobody closes would hold the budget for good
                throw e;
            }
            this.saver = new BlobSaver(repository, pool, context.stats, pairs);
            this.readers = Executors.newFixedThreadPool(pairs, readerThreads);
            this.parents = new ParentTrees(context, readers);
            this.files = new FileArchiver(chunker, saver, pool, context, readers, 4 * pairs);
            this.walker = new SourceWalker(context, files, saver, parents, filter, new XattrReader(context, extras));
        }

        SnapshotRecord execute(SourcePaths sources) {
            Scanner scanner = new Scanner(context.replicas == null ? paths : List.of(context.replicas.root()),
                    filter);
            ProgressReporter progress = new ProgressReporter(context, scanner);
            scanner.start();
            progress.start();
            try (scanner; progress) {
                Map<String, Node> previous = parent == null ? Map.of() : parents.entries(parent.snapshot().tree());
                level(root, Path.of("/"), sources, previous);
                BlobId tree = await(root.sealRoot(saver));
                stopWorkers();
                repository.flush();
                return commit(tree, null, progress);
            } catch (Exception | Error e) {
                context.cancel();
                throw incomplete(e, progress);
            }
        }

        /** The run of {@link #backupStream}: one file at the root, read from the context's opener; no scanner. */
        SnapshotRecord executeStream(Path path, SourceMeta meta) {
            ProgressReporter progress = new ProgressReporter(context, Scanner.unknown());
            progress.start();
            try (progress) {
                CompletableFuture<Node> file = files.archive(path, path.getFileName().toString(), meta, null);
                root.add(file);
                BlobId tree = await(root.sealRoot(saver));
                context.stats.bytesProcessed.add(file.join().size()); // its size was unknown when it was handed in
                stopWorkers();
                repository.flush();
                return commit(tree, null, progress);
            } catch (Exception | Error e) {
                context.cancel();
                throw incomplete(e, progress);
            }
        }

        /** Adds one level of the path trie below {@code dir}: plain directories, then walked sources. */
        private void level(PendingDir into, Path dir, SourcePaths level, Map<String, Node> previous)
                throws IOException, InterruptedException {
            if (level.target) {
                context.stats.dirs.increment();
                walker.walk(into, source(dir), previous); // "/" itself is backed up
                return;
            }
            for (Map.Entry<String, SourcePaths> e : level.children.entrySet()) {
                Path path = dir.resolve(e.getKey());
                if (e.getValue().target) {
                    Path source = source(path);
                    walker.entry(into, source, e.getKey(),
                            context.onSource(source, p -> SourceMeta.read(p, context.ownerNames)), previous);
                } else {
                    PendingDir sub = into.addDir(e.getKey(), above(path));
                    context.stats.dirs.increment();
                    level(sub, path, e.getValue(), parents.child(previous, e.getKey()));
                    sub.seal(saver);
                }
            }
        }

        /** Where a backed-up path is read: itself, or in a backup from replicas the current replica's root. */
        private Path source(Path path) {
            return context.replicas == null ? path : context.replicas.root();
        }

        /**
         * The metadata of a directory above a backed-up path; in a backup from replicas, a logical path's parents
         * need not exist on this host, and are recorded as plain folders (0755, time 0: the same in every run, so
         * their trees deduplicate) where they do not.
         */
        private SourceMeta above(Path path) throws IOException {
            if (context.replicas != null && !java.nio.file.Files.isDirectory(path)) {
                return SourceMeta.folder(Instant.EPOCH);
            }
            return SourceMeta.readFollowing(path, context.ownerNames);
        }

        private SnapshotRecord commit(BlobId tree, String incompleteReason, ProgressReporter progress)
                throws IOException {
            lease.ensureHeld(); // a prune elsewhere may have deleted what the tree references if others saw it stale
            Snapshot snapshot = new Snapshot(start, host, System.getProperty("user.name"),
                    paths.stream().map(Path::toString).toList(), tags, parent == null ? null : parent.id(), tree,
                    context.stats.snapshot(progress.elapsed()), incompleteReason, selection.record(),
                    context.replicas == null ? null : context.replicas.record());
            SnapshotRecord record = new SnapshotRecord(repository.saveSnapshot(snapshot), snapshot);
            if (context.checkpoints != null && incompleteReason == null) {
                // only now, the snapshot replaces them; an incomplete one leaves them, so that the next run (here or
                // in another process) continues the files they had in flight
                context.checkpoints.committed(start);
            }
            return record;
        }

        /** Commits what was saved as an incomplete snapshot where possible; returns the exception to throw. */
        private StowageException incomplete(Throwable failure, ProgressReporter progress) {
            Throwable cause = Failures.unwrap(failure);
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reason = Failures.describe(cause);
            try {
                stopWorkers();
                if (context.stats.blobsAdded.sum() > 0) {
                    BlobId tree = root.savePartial(saver);
                    repository.flush();
                    SnapshotRecord kept = commit(tree, reason, progress);
                    return new StowageException("backup of " + paths + " failed: " + reason + "; incomplete snapshot "
                            + kept.id().substring(0, 8) + " keeps the data saved so far, run the backup again to"
                            + " finish it", cause);
                }
            } catch (Exception | Error e) {
                cause.addSuppressed(e);
            }
            return cause instanceof StowageException s ? s
                    : new StowageException("backup of " + paths + " failed: " + reason, cause);
        }

        /** Frees the run's buffers and this thread's scratch: the memory a backup took goes back when it ends. */
        @Override
        public void close() {
            pool.close();
            memory.close();
        }

        private void stopWorkers() throws InterruptedException {
            readers.shutdown();
            while (!readers.awaitTermination(1, TimeUnit.MINUTES)) {
                // a reader waits for a pooled buffer or a slow source; savers free buffers, so it will finish
            }
            readerThreads.joinEnded();
            saver.close();
        }

        private <T> T await(CompletableFuture<T> future) throws Exception {
            try {
                return future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw Failures.rethrowable(e.getCause());
            }
        }
    }

}
