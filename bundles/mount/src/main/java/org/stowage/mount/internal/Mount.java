package org.stowage.mount.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.mount.MountInfo;
import org.stowage.api.repository.StowageException;

/**
 * One mounted view: libfuse's session loop runs in a thread of its own (jnr-fuse's blocking mount), which ends when
 * the folder is unmounted. Not thread-safe; {@link MountComponent} serializes mount and unmount.
 */
final class Mount {

    private static final Logger LOG = LoggerFactory.getLogger(Mount.class);
    /** libfuse options: read-only, and named in /proc/mounts so an operator sees what the mount is. */
    private static final String[] OPTIONS = {"-o", "ro,fsname=stowage,subtype=stowage"};
    private static final Duration READY = Duration.ofSeconds(15);
    private static final Duration SESSION_END = Duration.ofSeconds(2);

    private final MountInfo info;
    private final SnapshotFileSystem fileSystem;
    private final CompletableFuture<Void> session = new CompletableFuture<>();

    private Mount(MountInfo info, SnapshotFileSystem fileSystem) {
        this.info = info;
        this.fileSystem = fileSystem;
    }

    /**
     * Mounts {@code fileSystem} at the info's mount point and returns once the kernel has connected to it.
     *
     * @throws StowageException if libfuse fails to mount or does not connect in time (nothing stays mounted then)
     */
    static Mount start(MountInfo info, SnapshotFileSystem fileSystem) {
        Mount mount = new Mount(info, fileSystem);
        Path mountpoint = info.mountpoint();
        Thread loop = new Thread(mount::run, "stowage-mount " + mountpoint);
        loop.setDaemon(true);
        loop.start();
        try {
            boolean ready = fileSystem.answering().await(READY.toSeconds(), TimeUnit.SECONDS);
            if (mount.session.isDone() || !ready) {
                mount.stop();
                throw new StowageException("FUSE did not mount " + mountpoint + (ready ? "" : " within "
                        + READY.toSeconds() + " s") + failure(mount.session) + "; check that /dev/fuse exists and"
                        + " that this process may mount (root, or fusermount in the PATH)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            mount.stop();
            throw new StowageException("interrupted while mounting " + mountpoint + "; it is unmounted again");
        }
        return mount;
    }

    private void run() {
        try {
            fileSystem.mount(info.mountpoint(), true, false, OPTIONS);
            session.complete(null);
        } catch (RuntimeException | LinkageError e) {
            session.completeExceptionally(e);
        }
    }

    MountInfo info() {
        return info;
    }

    /**
     * Unmounts (lazily: see {@link Unmounter}), closes the open files, and waits a little for libfuse's loop to end;
     * it ends by itself once the last program closes a file it still had open.
     */
    void stop() {
        try {
            Unmounter.detach(info.mountpoint());
        } catch (IOException e) {
            LOG.warn("{}; unmount it by hand ('umount -l {}')", e.getMessage(), info.mountpoint());
        }
        fileSystem.closeAll();
        try {
            session.get(SESSION_END.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.info("The FUSE session of {} ends when the programs that still have files open there close them",
                    info.mountpoint());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("The FUSE session of {} ended with {}", info.mountpoint(), e.getCause().toString());
        }
    }

    private static String failure(CompletableFuture<Void> session) {
        if (!session.isCompletedExceptionally()) {
            return "";
        }
        Throwable cause;
        try {
            session.join();
            return "";
        } catch (CompletionException e) {
            cause = e.getCause();
        }
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return ": " + cause.getMessage();
    }
}
