package org.stowage.mount.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.mount.MountInfo;
import org.stowage.api.mount.MountService;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StowageException;

/**
 * {@link MountService} over the repository's {@link SnapshotService}. Every mount is unmounted when this component
 * deactivates (bundle stop, the snapshot service going away), so no mount outlives what serves it.
 */
@Component(service = MountService.class)
public final class MountComponent implements MountService {

    private static final Logger LOG = LoggerFactory.getLogger(MountComponent.class);

    private final SnapshotService snapshots;
    private final Map<Path, Mount> mounts = new LinkedHashMap<>();

    @Activate
    public MountComponent(@Reference SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public synchronized MountInfo mount(Path mountpoint, String owner) {
        Path folder = mountpoint.toAbsolutePath().normalize();
        if (mounts.containsKey(folder)) {
            throw new StowageException(folder + " is mounted already; unmount it first (stowage:umount " + folder
                    + ")");
        }
        long uid;
        long gid;
        try {
            requireEmptyFolder(folder);
            uid = ((Number) Files.getAttribute(folder, "unix:uid")).longValue();
            gid = ((Number) Files.getAttribute(folder, "unix:gid")).longValue();
        } catch (IOException e) {
            throw new StowageException("cannot mount at " + folder + ": " + e.getMessage(), e);
        }
        SnapshotFileSystem fileSystem;
        try {
            fileSystem = new SnapshotFileSystem(new SnapshotTrees(snapshots, ZoneId.systemDefault(),
                    Clock.systemUTC()), uid, gid);
        } catch (LinkageError | RuntimeException e) {
            throw new StowageException("FUSE is not available here (" + e.getMessage() + "); install libfuse 2"
                    + " (Debian: apt-get install libfuse2) and check that /dev/fuse exists", e);
        }
        Mount mount = Mount.start(new MountInfo(folder, Clock.systemUTC().instant(), owner), fileSystem);
        mounts.put(folder, mount);
        LOG.info("Mounted the repository's snapshots read-only at {} for {}", folder, owner);
        return mount.info();
    }

    private static void requireEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new StowageException(folder + " is no folder; create an empty folder to mount at");
        }
        try (Stream<Path> children = Files.list(folder)) {
            if (children.findAny().isPresent()) {
                throw new StowageException(folder + " is not empty; mount at an empty folder, so that nothing"
                        + " in it is hidden");
            }
        }
    }

    @Override
    public synchronized boolean unmount(Path mountpoint) {
        Mount mount = mounts.remove(mountpoint.toAbsolutePath().normalize());
        if (mount == null) {
            return false;
        }
        mount.stop();
        LOG.info("Unmounted {}", mount.info().mountpoint());
        return true;
    }

    @Override
    public synchronized List<MountInfo> mounts() {
        return mounts.values().stream().map(Mount::info).toList();
    }

    @Deactivate
    synchronized void deactivate() {
        for (Mount mount : new ArrayList<>(mounts.values())) {
            mount.stop();
            LOG.info("Unmounted {} as the mount service stops", mount.info().mountpoint());
        }
        mounts.clear();
    }
}
