package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.memory.MemoryBudget;
import org.stowage.engine.internal.posix.FileSystemExtras;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryConfig;
import org.stowage.engine.internal.snapshot.Snapshot;

/**
 * Restores a snapshot, or parts of it, below a target directory.
 *
 * <p>Order: plan (create directories, look up every blob), read packs in offset order writing each verified blob
 * to every place that needs it (a file's temporary file is created by its first write), rename each complete file
 * into place (all-zero blocks left as holes, {@code sparse}), create special files ({@link SpecialFiles}) and
 * symbolic links, link the later names of hard-linked files ({@link HardLinker}), then give directories their
 * metadata, deepest first (after their children were written). Extended attributes and ACLs come with each entry's
 * metadata ({@link Metadata}); what the platform or file system cannot take is a warning, not a failure.
 * Nothing is written through a symbolic link and no stored name may leave the target. The repository's shared lock
 * is held throughout ({@link Repository#lockForReading}), so no prune deletes what the restore reads. Items that
 * fail are listed
 * in the result; the rest is restored. Packs are read in order on the calling thread, into two reused run buffers;
 * their blobs are decoded and written on up to {@code decoders} threads ({@link ParallelDecoder}), as many as the
 * {@link MemoryBudget} grants the restore. Memory: the plan's metadata and the decoder's buffers (two run buffers,
 * ~21 MiB each with default 16 MiB packs, and a window of 2 × decoders + 2 blob buffers), freed when it ends.
 *
 * <p>One restore per instance at a time; the repository may be shared.
 */
public final class Restorer {

    private final Repository repository;
    private final int decoders;
    private final boolean sparse;
    private final FileSystemExtras extras;

    public Restorer(Repository repository) {
        this(repository, ParallelDecoder.defaultThreads());
    }

    /** @param sparse whether all-zero blocks are left unwritten, as holes (see the last constructor) */
    public Restorer(Repository repository, boolean sparse) {
        this(repository, ParallelDecoder.defaultThreads(), sparse, FileSystemExtras.platform());
    }

    /** @param decoders threads that decode (decrypt, decompress, verify) blobs while this thread reads and writes */
    public Restorer(Repository repository, int decoders) {
        this(repository, decoders, true, FileSystemExtras.platform());
    }

    /**
     * @param sparse whether all-zero blocks are left unwritten, as holes (where the file system has no holes they
     *               read as zeros all the same, so this is safe everywhere; off, every byte is written)
     * @param extras creates special files and sets extended attributes and ACLs
     */
    public Restorer(Repository repository, int decoders, boolean sparse, FileSystemExtras extras) {
        this.repository = repository;
        this.decoders = decoders;
        this.sparse = sparse;
        this.extras = extras;
    }

    /**
     * @param includes paths inside the snapshot ("/home/u/docs") to restore with everything below them; empty for
     *                 all. Each is restored at its full path below the target.
     * @throws StowageException if the target cannot be created or an include is not in the snapshot (nothing is
     *                          written then)
     */
    public RestoreResult restore(Snapshot snapshot, Path target, List<String> includes, ProgressListener listener) {
        return restore(snapshot, target, RestoreOptions.of(includes), listener);
    }

    /**
     * Restores what {@code options} select; with {@link RestoreOptions#verify()} every file put in place is read
     * back afterwards ({@link Verifier}) and a difference is listed as a failure.
     *
     * @throws StowageException if the target cannot be created or an include is not in the snapshot (nothing is
     *                          written then)
     */
    public RestoreResult restore(Snapshot snapshot, Path target, RestoreOptions options, ProgressListener listener) {
        RepositoryConfig config = repository.config();
        long fixed = ParallelDecoder.memoryFixed(config);
        long perThread = ParallelDecoder.memoryPerThread(config);
        try (Repository.Lease lease = repository.lockForReading("restore into " + target);
             MemoryBudget.Grant memory = MemoryBudget.shared().admit("the restore into " + target,
                     fixed + perThread, fixed + decoders * perThread)) {
            return restoreLocked(snapshot, target, options, listener, memory.threads(fixed, perThread, decoders));
        } catch (IOException e) {
            throw new StowageException("cannot lock or unlock the repository on device '"
                    + repository.firstDeviceId() + "' for the restore into " + target + ": " + e, e);
        }
    }

    private RestoreResult restoreLocked(Snapshot snapshot, Path target, RestoreOptions options,
                                        ProgressListener listener, int decoderThreads) {
        long startNanos = System.nanoTime();
        List<String> includes = options.includes();
        List<Includes.Resolved> resolved = Includes.resolve(repository, snapshot.tree(), includes);
        Path root = targetDir(target);
        RestorePlan plan;
        try (RestorePlanner planner = new RestorePlanner(repository, listener, Math.max(2, decoders), root,
                options.excludes(), options.overwrite())) {
            if (includes.isEmpty()) {
                planner.tree(snapshot.tree(), root);
            }
            for (Includes.Resolved include : resolved) {
                include.plan(planner, root);
            }
            plan = planner.plan();
        }
        long symlinks;
        Metadata metadata = new Metadata(extras, listener);
        try (BlobWriter writer = new BlobWriter(plan, metadata, sparse)) {
            write(plan, writer, listener, startNanos, decoderThreads);
            long others = new SpecialFiles(plan, metadata, extras, listener).createAll();
            symlinks = links(plan, metadata);
            others += new HardLinker(plan).linkAll();
            directories(plan, metadata);
            long verified = options.verify() ? new Verifier(repository).verifyAll(plan) : 0;
            return new RestoreResult(writer.filesDone() + others, plan.dirs.size(), symlinks, writer.bytesDone(),
                    plan.failures, Duration.ofNanos(System.nanoTime() - startNanos), plan.skipped.get(), verified);
        } catch (IOException e) {
            throw new StowageException("restore of snapshot into " + target + " failed: " + e
                    + "; files already renamed into place are complete", e);
        }
    }

    private static Path targetDir(Path target) {
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StowageException("cannot create restore target " + root + ": " + e, e);
        }
        return root;
    }

    private void write(RestorePlan plan, BlobWriter writer, ProgressListener listener, long startNanos,
                       int decoderThreads) throws IOException {
        long bytesTotal = plan.files.stream().filter(f -> !f.failed()).mapToLong(f -> f.node.size()).sum();
        ProgressThrottle progress = new ProgressThrottle(listener, startNanos, plan.files.size(), bytesTotal);
        for (RestoreFile file : plan.files) {
            if (file.remaining == 0) {
                writer.complete(file); // empty file
            }
        }
        try (ParallelDecoder decoder = new ParallelDecoder(writer, repository, decoderThreads)) {
            new RunReader(repository, writer, decoder).readAll(plan.blobs.values(),
                    () -> progress.maybeReport(writer.filesDone(), writer.bytesDone()));
        }
        writer.discardFailed();
        progress.report(writer.filesDone(), writer.bytesDone());
    }

    private static long links(RestorePlan plan, Metadata metadata) {
        long done = 0;
        for (RestorePlan.Link link : plan.links) {
            if (link.node().linkTarget() == null) {
                plan.fail(link.path(), "symbolic link without a stored target (" + link.node().error() + ")");
                continue;
            }
            Path temp = link.path().resolveSibling(RestorePlanner.TEMP_PREFIX + UUID.randomUUID() + ".tmp");
            try {
                Files.createSymbolicLink(temp, Path.of(link.node().linkTarget()));
                metadata.applyToLink(temp, link.path(), link.node());
                Files.move(temp, link.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                plan.restored(link.path());
                done++;
            } catch (IOException | RuntimeException e) {
                plan.fail(link.path(), "cannot create symbolic link (" + e + ")");
                deleteQuietly(plan, temp);
            }
        }
        return done;
    }

    private static void directories(RestorePlan plan, Metadata metadata) {
        List<RestorePlan.Dir> dirs = new ArrayList<>(plan.dirs);
        dirs.sort((a, b) -> Integer.compare(b.path().getNameCount(), a.path().getNameCount()));
        for (RestorePlan.Dir dir : dirs) {
            try {
                if (Files.isDirectory(dir.path(), LinkOption.NOFOLLOW_LINKS)) {
                    metadata.apply(dir.path(), dir.node());
                }
            } catch (IOException e) {
                plan.fail(dir.path(), "cannot set directory mode or time (" + e + ")");
            }
        }
    }

    private static void deleteQuietly(RestorePlan plan, Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            plan.fail(temp, "cannot remove temporary link (" + e + "); remove it by hand");
        }
    }

    /** Reports restore progress at most four times per second. */
    private static final class ProgressThrottle {
        private final ProgressListener listener;
        private final long startNanos;
        private final long filesTotal;
        private final long bytesTotal;
        private long last;

        ProgressThrottle(ProgressListener listener, long startNanos, long filesTotal, long bytesTotal) {
            this.listener = listener;
            this.startNanos = startNanos;
            this.filesTotal = filesTotal;
            this.bytesTotal = bytesTotal;
        }

        void maybeReport(long files, long bytes) {
            if (System.nanoTime() - last >= 250_000_000L) {
                report(files, bytes);
            }
        }

        void report(long files, long bytes) {
            last = System.nanoTime();
            listener.progress(new Progress("restore", files, filesTotal, bytes, bytesTotal,
                    Duration.ofNanos(last - startNanos), ""));
        }
    }
}
