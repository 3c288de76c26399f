package org.stowage.mount.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.mount.internal.MountLayout.Folder;
import org.stowage.mount.internal.MountLayout.InSnapshot;
import org.stowage.mount.internal.MountLayout.Link;

import jnr.ffi.Pointer;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;

/**
 * The FUSE operations of a mount: they answer from the {@link MountLayout} and the {@link SnapshotTrees}; every
 * operation that would change something is left unimplemented (the kernel answers it with an error) and the mount
 * is read-only besides. Called by libfuse's threads concurrently, reads of one open file too.
 *
 * <p>Every entry is owned by {@code uid}/{@code gid} (the mount folder's owner): the snapshots' owners are not
 * shown, so that access is decided by the mount alone, which only its owner can enter (no {@code allow_other}).
 */
final class SnapshotFileSystem extends FuseStubFS {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFileSystem.class);
    private static final int O_ACCMODE = 3;
    private static final int O_RDONLY = 0;

    private final SnapshotTrees trees;
    private final long uid;
    private final long gid;
    private final Map<Long, OpenFile> openFiles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);
    private final CountDownLatch answering = new CountDownLatch(1);

    SnapshotFileSystem(SnapshotTrees trees, long uid, long gid) {
        this.trees = trees;
        this.uid = uid;
        this.gid = gid;
    }

    /** Counted down when the kernel has connected, i.e. the mount answers. */
    CountDownLatch answering() {
        return answering;
    }

    @Override
    public Pointer init(Pointer conn) {
        answering.countDown();
        return null;
    }

    @Override
    public int getattr(String path, FileStat stat) {
        return answer("stat", path, () -> {
            MountLayout.Entry entry = trees.layout().resolve(path);
            if (entry instanceof Folder) {
                fill(stat, FileStat.S_IFDIR | 0555, 0, trees.layoutTime());
            } else if (entry instanceof Link link) {
                fill(stat, FileStat.S_IFLNK | 0777, utf8(link.target()).length, trees.layoutTime());
            } else if (entry instanceof InSnapshot in) {
                NodeInfo node = trees.node(in.snapshotId(), in.path());
                if (node == null) {
                    return -ErrorCodes.ENOENT();
                }
                fill(stat, type(node) | (node.mode() & 07777), node.size(), node.mtime());
            } else {
                return -ErrorCodes.ENOENT();
            }
            return 0;
        });
    }

    @Override
    public int readlink(String path, Pointer buf, long size) {
        return answer("readlink", path, () -> {
            MountLayout.Entry entry = trees.layout().resolve(path);
            String target = entry instanceof Link link ? link.target()
                    : entry instanceof InSnapshot in ? linkTarget(trees.node(in.snapshotId(), in.path())) : null;
            if (target == null) {
                return -ErrorCodes.EINVAL();
            }
            byte[] bytes = utf8(target);
            int length = (int) Math.min(bytes.length, size - 1);
            buf.put(0, bytes, 0, length);
            buf.putByte(length, (byte) 0);
            return 0;
        });
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, long offset, FuseFileInfo fi) {
        return answer("list", path, () -> {
            MountLayout.Entry entry = trees.layout().resolve(path);
            List<String> names;
            if (entry instanceof Folder folder) {
                names = folder.children();
            } else if (entry instanceof InSnapshot in) {
                names = trees.children(in.snapshotId(), in.path()).stream().map(SnapshotTrees::name).toList();
            } else {
                return entry == null ? -ErrorCodes.ENOENT() : -ErrorCodes.ENOTDIR();
            }
            filler.apply(buf, ".", null, 0);
            filler.apply(buf, "..", null, 0);
            for (String name : names) {
                filler.apply(buf, name, null, 0);
            }
            return 0;
        });
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        if ((fi.flags.get() & O_ACCMODE) != O_RDONLY) {
            return -ErrorCodes.EROFS();
        }
        return answer("open", path, () -> {
            if (!(trees.layout().resolve(path) instanceof InSnapshot in)) {
                return -ErrorCodes.EISDIR();
            }
            long handle = nextHandle.getAndIncrement();
            openFiles.put(handle, new OpenFile(path, trees.open(in.snapshotId(), in.path())));
            fi.fh.set(handle);
            return 0;
        });
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        OpenFile file = openFiles.get(fi.fh.get());
        if (file == null) {
            return -ErrorCodes.EBADF();
        }
        try {
            return file.read(buf, (int) Math.min(size, Integer.MAX_VALUE), offset);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reading {} bytes at {} of {} through the mount failed: {}", size, offset, path, e.toString());
            return -ErrorCodes.EIO();
        }
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        OpenFile file = openFiles.remove(fi.fh.get());
        if (file != null) {
            file.close();
        }
        return 0;
    }

    /** Closes every file still open, when the mount goes away. */
    void closeAll() {
        openFiles.values().forEach(OpenFile::close);
        openFiles.clear();
    }

    private void fill(FileStat stat, int mode, long size, Instant mtime) {
        stat.st_mode.set(mode);
        stat.st_size.set(size);
        stat.st_nlink.set((mode & FileStat.S_IFMT) == FileStat.S_IFDIR ? 2 : 1);
        stat.st_uid.set(uid);
        stat.st_gid.set(gid);
        stat.st_blocks.set((size + 511) / 512);
        stat.st_mtim.tv_sec.set(mtime.getEpochSecond());
        stat.st_mtim.tv_nsec.set(mtime.getNano());
        stat.st_ctim.tv_sec.set(mtime.getEpochSecond());
        stat.st_ctim.tv_nsec.set(mtime.getNano());
    }

    private static int type(NodeInfo node) {
        return switch (node.type()) {
            case DIR -> FileStat.S_IFDIR;
            case SYMLINK -> FileStat.S_IFLNK;
            default -> FileStat.S_IFREG;
        };
    }

    private static String linkTarget(NodeInfo node) {
        return node == null ? null : node.linkTarget();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs one operation, mapping what the services throw to the errno a program sees: a snapshot or path that
     * does not exist is ENOENT; any other failure is EIO, logged with what was asked (the program only sees EIO).
     */
    private static int answer(String operation, String path, Operation body) {
        try {
            return body.run();
        } catch (SnapshotNotFoundException e) {
            return -ErrorCodes.ENOENT();
        } catch (StowageException | IOException e) {
            LOG.warn("The mount could not {} {}: {}", operation, path, e.getMessage());
            return -ErrorCodes.EIO();
        } catch (RuntimeException e) {
            LOG.warn("The mount could not {} {}", operation, path, e);
            return -ErrorCodes.EIO();
        }
    }

    @FunctionalInterface
    private interface Operation {
        int run() throws IOException;
    }
}
