package org.stowage.device.disk.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;

/**
 * Where blobs live below a device's root: {@code <root>/<type folder>/<id>}, with DATA sharded as
 * {@code <root>/data/<first 2 characters of id>/<id>} so that no folder grows past a few thousand entries.
 *
 * <p>Files in the making are named {@code .tmp-<uuid>}; blob ids never start with '.', so a temp file can never
 * be taken for a blob. Thread-safe (stateless apart from the root).
 */
final class DiskLayout {

    static final String TEMP_PREFIX = ".tmp-";

    private static final Logger LOG = LoggerFactory.getLogger(DiskLayout.class);
    /** The rule of {@link BlobName}'s ids; names that break it are foreign files, not blobs. */
    private static final Pattern BLOB_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private final Path root;

    DiskLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The folder holding {@code name}. */
    Path folderOf(BlobName name) {
        Path typeFolder = root.resolve(name.type().folder());
        return name.type() == BlobType.DATA ? typeFolder.resolve(shard(name.id())) : typeFolder;
    }

    Path fileOf(BlobName name) {
        return folderOf(name).resolve(name.id());
    }

    /** A fresh temp file name in {@code folder} (the file is not created). */
    static Path newTemp(Path folder) {
        return folder.resolve(TEMP_PREFIX + UUID.randomUUID());
    }

    /** Called with the parent of a folder that was just created, so that the new entry can be made durable. */
    @FunctionalInterface
    interface ParentSync {
        void sync(Path parent) throws IOException;
    }

    /**
     * Creates the folders of {@code name} below the existing root. Never creates the root itself, so that an
     * unmounted disk is not silently replaced by a folder on the system disk.
     */
    Path createFolderOf(BlobName name, ParentSync parentSync) throws IOException {
        Path typeFolder = createFolder(root.resolve(name.type().folder()), parentSync);
        return name.type() == BlobType.DATA
                ? createFolder(typeFolder.resolve(shard(name.id())), parentSync) : typeFolder;
    }

    /** Visits every complete blob of {@code type}; temp files and foreign files are skipped. */
    void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        Path typeFolder = root.resolve(type.folder());
        if (type != BlobType.DATA) {
            listFolder(type, typeFolder, visitor);
            return;
        }
        for (Path shard : entries(typeFolder)) {
            if (Files.isDirectory(shard) && !isTemp(shard)) {
                listFolder(type, shard, visitor);
            }
        }
    }

    /**
     * Deletes the temp files a crash left in every folder of the layout: those last written before
     * {@code abandonedBefore}. Younger ones may be puts in flight of another process that shares the root (a
     * write keeps its file's modification time current). Returns how many were deleted.
     */
    int removeAbandonedTemps(Instant abandonedBefore) throws IOException {
        int removed = removeTemps(root, abandonedBefore);
        for (BlobType type : BlobType.values()) {
            Path typeFolder = root.resolve(type.folder());
            removed += removeTemps(typeFolder, abandonedBefore);
            if (type == BlobType.DATA) {
                for (Path shard : entries(typeFolder)) {
                    removed += Files.isDirectory(shard) ? removeTemps(shard, abandonedBefore) : 0;
                }
            }
        }
        return removed;
    }

    /** The total size of all blobs of all types. */
    long scanUsedBytes() throws IOException {
        long[] used = {0};
        for (BlobType type : BlobType.values()) {
            list(type, info -> used[0] += info.size());
        }
        return used[0];
    }

    static boolean isTemp(Path file) {
        return file.getFileName().toString().startsWith(TEMP_PREFIX);
    }

    private void listFolder(BlobType type, Path folder, Consumer<BlobInfo> visitor) throws IOException {
        for (Path file : entries(folder)) {
            String id = file.getFileName().toString();
            if (isTemp(file)) {
                continue;
            }
            if (!BLOB_ID.matcher(id).matches()) {
                LOG.warn("Ignoring foreign file {} in the blob folder of device root {}", file, root);
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException deletedMeanwhile) {
                continue; // deleted while we listed: correctly not visited
            }
            if (attributes.isRegularFile()) {
                visitor.accept(new BlobInfo(BlobName.of(type, id), attributes.size()));
            }
        }
    }

    private static int removeTemps(Path folder, Instant abandonedBefore) throws IOException {
        int removed = 0;
        for (Path file : entries(folder)) {
            if (isTemp(file) && isFileWrittenBefore(file, abandonedBefore)) {
                LOG.info("Removing {} left by an interrupted write", file);
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    private static boolean isFileWrittenBefore(Path file, Instant time) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(time);
        } catch (NoSuchFileException committedMeanwhile) {
            return false;
        }
    }

    /** The entries of {@code folder}, or none if it does not exist (yet). */
    private static java.util.List<Path> entries(Path folder) throws IOException {
        java.util.List<Path> entries = new java.util.ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException noFolderYet) {
            return entries;
        }
        return entries;
    }

    private static Path createFolder(Path folder, ParentSync parentSync) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        try {
            Files.createDirectory(folder);
            parentSync.sync(folder.getParent());
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isDirectory(folder)) {
                throw exists; // a file where a folder must be: the operator has to look
            }
        }
        return folder;
    }

    private static String shard(String id) {
        return id.substring(0, Math.min(2, id.length()));
    }
}
