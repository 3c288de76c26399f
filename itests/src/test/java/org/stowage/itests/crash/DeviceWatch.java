package org.stowage.itests.crash;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Counts the blobs that appear in and disappear from the {@code data/} (all shards) and {@code index/} folders of one
 * or more disk devices (the devices of one repository) while an operation runs, and tells a listener at each change,
 * from its own thread.
 *
 * <p>It watches with the file system's change notification (inotify on Linux) rather than by listing the folders
 * every few milliseconds: the listener learns of the k-th blob within about a millisecond of its rename into place,
 * and nothing is listed between changes. A blob is counted when its final name appears (the device writes
 * {@code .tmp-*} files and renames them); temp files are ignored. Folders created meanwhile (new shards) are watched
 * and scanned as they appear; an overflow of the notification queue rescans everything. The same pack on two
 * devices is two blobs: a copy to another device is a change.
 */
final class DeviceWatch implements AutoCloseable {

    private final List<Path> roots;
    private final WatchService watcher;
    private final Set<Path> registered = ConcurrentHashMap.newKeySet();
    private final Set<Path> blobs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger appeared = new AtomicInteger();
    private final AtomicInteger disappeared = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final IntConsumer listener;
    private final Thread thread;

    private DeviceWatch(List<Path> roots, IntConsumer listener) throws IOException {
        this.roots = List.copyOf(roots);
        this.listener = listener;
        this.watcher = roots.get(0).getFileSystem().newWatchService();
        for (Path root : roots) {
            register(root);
        }
        scanFolders(false);
        this.thread = new Thread(this::loop, "device-watch " + roots.get(0).getFileName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Starts watching {@code deviceRoots}; what is there now is the baseline, not counted. */
    static DeviceWatch start(List<Path> deviceRoots, IntConsumer listener) throws IOException {
        return new DeviceWatch(deviceRoots, listener);
    }

    int appeared() {
        return appeared.get();
    }

    int disappeared() {
        return disappeared.get();
    }

    /** Blobs that appeared plus blobs that disappeared since the start. */
    int changes() {
        return appeared.get() + disappeared.get();
    }

    /** The total size of the complete packs in {@code data/} of the devices. */
    static long dataBytes(List<Path> deviceRoots) throws IOException {
        long total = 0;
        for (Path root : deviceRoots) {
            total += dataBytes(root);
        }
        return total;
    }

    /** The total size of the complete packs in {@code data/} of a device. */
    static long dataBytes(Path deviceRoot) throws IOException {
        long[] total = {0};
        forEachPack(deviceRoot, pack -> total[0] += sizeIfPresent(pack));
        return total[0];
    }

    /** The names (ids) of the complete packs in {@code data/} of a device. */
    static Set<String> packs(Path deviceRoot) throws IOException {
        Set<String> packs = new TreeSet<>();
        forEachPack(deviceRoot, pack -> packs.add(pack.getFileName().toString()));
        return packs;
    }

    private interface PackVisitor {
        void visit(Path pack) throws IOException;
    }

    private static void forEachPack(Path deviceRoot, PackVisitor visitor) throws IOException {
        Path data = deviceRoot.resolve("data");
        if (!Files.isDirectory(data)) {
            return;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(data)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard) || isTemp(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> packs = Files.newDirectoryStream(shard)) {
                    for (Path pack : packs) {
                        if (!isTemp(pack)) {
                            visitor.visit(pack);
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // a shard emptied and removed meanwhile: it holds no pack
                }
            }
        }
    }

    private static long sizeIfPresent(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException deletedMeanwhile) {
            return 0; // a prune of another process removed it after the listing: it holds no bytes any more
        }
    }

    private static boolean isTemp(Path file) {
        return file.getFileName().toString().startsWith(".");
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    handle(dir, event);
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // close() ended the watch: nothing more to count
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /**
     * Lists the folders now and counts what the notifications have not delivered yet: call it once the operation has
     * ended, so that the counts are complete.
     */
    void settle() throws IOException {
        scanFolders(true);
    }

    private synchronized void handle(Path dir, WatchEvent<?> event) throws IOException {
        if (event.kind() == OVERFLOW) {
            scanFolders(true);
            return;
        }
        Path child = dir.resolve((Path) event.context());
        if (isTemp(child)) {
            return;
        }
        boolean dataFolder = dir.getFileName().toString().equals("data") && roots.contains(dir.getParent());
        if (event.kind() == ENTRY_CREATE && (roots.contains(dir) || dataFolder)) {
            if (dataFolder || isBlobFolder(child)) {
                register(child);
                scanFolders(true);
            }
        } else if (event.kind() == ENTRY_CREATE && blobs.add(child)) {
            changed(appeared);
        } else if (event.kind() == ENTRY_DELETE && blobs.remove(child)) {
            changed(disappeared);
        }
    }

    private boolean isBlobFolder(Path child) {
        String name = child.getFileName().toString();
        return name.equals("data") || name.equals("index");
    }

    private void changed(AtomicInteger counter) {
        counter.incrementAndGet();
        listener.accept(changes());
    }

    /** Lists every watched folder; with {@code count}, blobs found or missed since the last look are changes. */
    private synchronized void scanFolders(boolean count) throws IOException {
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            Path data = root.resolve("data");
            if (Files.isDirectory(data)) {
                register(data);
                try (DirectoryStream<Path> shards = Files.newDirectoryStream(data)) {
                    for (Path shard : shards) {
                        if (Files.isDirectory(shard) && !isTemp(shard)) {
                            register(shard);
                            listBlobs(shard, seen);
                        }
                    }
                }
            }
            Path index = root.resolve("index");
            if (Files.isDirectory(index)) {
                register(index);
                listBlobs(index, seen);
            }
        }
        for (Path blob : seen) {
            if (blobs.add(blob) && count) {
                changed(appeared);
            }
        }
        for (Path blob : Set.copyOf(blobs)) {
            if (!seen.contains(blob) && blobs.remove(blob) && count) {
                changed(disappeared);
            }
        }
    }

    private void listBlobs(Path folder, Set<Path> into) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (!isTemp(file) && Files.isRegularFile(file)) {
                    into.add(file);
                }
            }
        } catch (NoSuchFileException gone) {
            // a shard emptied and removed meanwhile: its blobs count as gone
        }
    }

    private void register(Path folder) throws IOException {
        if (registered.add(folder)) {
            try {
                folder.register(watcher, ENTRY_CREATE, ENTRY_DELETE);
            } catch (NoSuchFileException gone) {
                registered.remove(folder);
            }
        }
    }

    /** Ends the watch; throws what went wrong in the watching thread, if anything did. */
    @Override
    public void close() throws IOException, InterruptedException {
        watcher.close();
        thread.join(10_000);
        Throwable problem = failure.get();
        if (problem != null) {
            throw new AssertionError("watching " + roots + " failed", problem);
        }
    }
}
