package org.stowage.engine.internal.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@link FileStat}s: natively ({@link FileSystemExtras#stat}, one {@code statx}) where the platform can, else
 * from the JDK's {@code unix} attribute view, which reports the same values. The first {@link
 * FileSystemExtras.Unsupported} switches this instance to the view for good. Thread-safe.
 */
public final class FileStats {

    /** The platform's. */
    public static final FileStats PLATFORM = new FileStats(FileSystemExtras.platform());

    /** What a {@link FileStat} holds, by name; not {@code unix:*}, which looks up the owner's names every time. */
    private static final String UNIX_ATTRIBUTES = "unix:mode,lastModifiedTime,size,ino,dev,uid,gid,nlink,rdev";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    private final FileSystemExtras extras;
    private volatile boolean nativeStat = true;

    public FileStats(FileSystemExtras extras) {
        this.extras = extras;
    }

    /**
     * The stat of {@code path}, following a symbolic link at its last element only when {@code followLinks}.
     *
     * @throws UnsupportedOperationException where this file system has no {@code unix} view either (not POSIX)
     */
    public FileStat read(Path path, boolean followLinks) throws IOException {
        if (nativeStat) {
            try {
                return extras.stat(path, followLinks);
            } catch (FileSystemExtras.Unsupported e) {
                nativeStat = false;
            }
        }
        return unixView(path, followLinks ? FOLLOW : NOFOLLOW);
    }

    static FileStat unixView(Path path, LinkOption... options) throws IOException {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(path, UNIX_ATTRIBUTES, options);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException("no unix attributes for " + path + ": " + e.getMessage(), e);
        }
        return new FileStat((Integer) unix.get("mode"), (Long) unix.get("size"),
                ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), (Long) unix.get("ino"),
                (Long) unix.get("dev"), (Integer) unix.get("uid"), (Integer) unix.get("gid"),
                (Integer) unix.get("nlink"), (Long) unix.get("rdev"));
    }
}
