package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SourceOpener} over real files that counts the bytes read from each replica and breaks one replica once
 * {@code after} bytes were read from it: either every later open and read of that replica fails with an
 * {@link IOException} (a failing disk or mount), or its folder is renamed away (the path disappears; channels already
 * open keep reading, as on Linux). Thread-safe.
 */
final class ReplicaFaults implements SourceOpener {

    enum Kind { READ_ERRORS, RENAMED }

    private final Path broken;
    private final long after;
    private final Kind kind;
    private final AtomicLong brokenRead = new AtomicLong();
    private final AtomicBoolean struck = new AtomicBoolean();
    private final Map<Path, AtomicLong> readPerRoot = new ConcurrentHashMap<>();

    ReplicaFaults(Path broken, long after, Kind kind) {
        this.broken = broken;
        this.after = after;
        this.kind = kind;
    }

    boolean struck() {
        return struck.get();
    }

    /** Bytes read from files below {@code root}. */
    long read(Path root) {
        return readPerRoot.getOrDefault(root, new AtomicLong()).get();
    }

    long readTotal() {
        return readPerRoot.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public SeekableByteChannel open(Path path) throws IOException {
        boolean ofBroken = path.startsWith(broken);
        if (ofBroken && struck.get() && kind == Kind.READ_ERRORS) {
            throw new IOException("injected fault: replica " + broken + " fails to open " + path);
        }
        FileChannel file = (FileChannel) SourceOpener.FILES.open(path);
        AtomicLong counter = readPerRoot.computeIfAbsent(rootOf(path), r -> new AtomicLong());
        return new Counting(file, counter, ofBroken);
    }

    /** The replica roots are siblings: the path element right below their common parent. */
    private Path rootOf(Path path) {
        Path parent = broken.getParent();
        return path.startsWith(parent) ? parent.resolve(parent.relativize(path).getName(0)) : path;
    }

    private void strike() throws IOException {
        if (struck.compareAndSet(false, true) && kind == Kind.RENAMED) {
            Files.move(broken, broken.resolveSibling(broken.getFileName() + ".gone"));
        }
    }

    private final class Counting implements SeekableByteChannel {

        private final FileChannel file;
        private final AtomicLong counter;
        private final boolean ofBroken;

        Counting(FileChannel file, AtomicLong counter, boolean ofBroken) {
            this.file = file;
            this.counter = counter;
            this.ofBroken = ofBroken;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (ofBroken && struck.get() && kind == Kind.READ_ERRORS) {
                throw new IOException("injected fault: replica " + broken + " fails to read");
            }
            int n = file.read(dst);
            if (n > 0) {
                counter.addAndGet(n);
                if (ofBroken && brokenRead.addAndGet(n) >= after) {
                    strike();
                }
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
