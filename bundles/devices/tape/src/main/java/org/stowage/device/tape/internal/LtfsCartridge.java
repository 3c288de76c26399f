package org.stowage.device.tape.internal;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The one cartridge of an {@link LtfsVolume}: tape file {@code n} is the file {@code %08d.tf} (0 is the label),
 * each written once, strictly sequentially (created new, written front to back, forced, closed) and never renamed,
 * rewritten or deleted. Positions count the bytes of all earlier files, so they follow the order on tape. A file torn by a crash stays where it is (LTFS cannot take
 * it back): the scan skips it and the next file gets the next number.
 */
final class LtfsCartridge implements Cartridge {

    private final String label;
    private final Path folder;
    private long appendAt = -1;
    private int nextFile;

    LtfsCartridge(String label, Path folder) {
        this.label = label;
        this.folder = folder;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean labelled() throws IOException {
        try {
            Files.readAttributes(fileOf(0), BasicFileAttributes.class);
            return true;
        } catch (NoSuchFileException absent) {
            return false;
        }
    }

    /** Writes the label of a new volume; a labelled LTFS volume is never relabelled by Stowage. */
    @Override
    public long relabel(int generation) throws IOException {
        if (labelled()) {
            throw new IOException("LTFS volume " + label + " at " + folder + " is not recycled by Stowage: "
                    + "reformat it with mkltfs once nothing on it is needed");
        }
        Files.createDirectories(folder);
        appendAt = 0;
        nextFile = 0;
        append(TapeHeader.label(label, generation), ByteBuffer.allocate(0), bytes -> { });
        return appendAt;
    }

    @Override
    public Scan scan() throws IOException {
        TreeMap<Integer, Path> numbered = numberedFiles();
        List<TapeFile> files = new ArrayList<>();
        long position = 0;
        boolean torn = false;
        int generation = -1;
        long labelEnd = 0;
        for (var entry : numbered.entrySet()) {
            long size = Files.size(entry.getValue());
            Optional<TapeFiles.Found> found;
            try (FileChannel channel = FileChannel.open(entry.getValue(), READ)) {
                found = TapeFiles.readHeader(channel, 0);
            }
            if (entry.getKey() == 0) {
                if (found.isEmpty() || !TapeHeader.LABEL.equals(found.get().header().kind())) {
                    throw new IOException("LTFS volume " + label + " has no valid label file " + entry.getValue());
                }
                generation = found.get().header().generation();
                labelEnd = size;
            } else if (found.isPresent()) {
                files.add(new TapeFile(found.get().header(), entry.getKey(), position, found.get().dataOffset(),
                        position + size, found.get().sha256()));
            } else {
                torn = true;
            }
            position += size;
        }
        if (generation < 0) {
            throw new IOException("LTFS volume " + label + " at " + folder + " has no label file 00000000.tf");
        }
        appendAt = position;
        nextFile = numbered.lastKey() + 1;
        return new Scan(generation, labelEnd, files, position, torn);
    }

    private TreeMap<Integer, Path> numberedFiles() throws IOException {
        TreeMap<Integer, Path> numbered = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.matches("\\d{8}\\.tf")) {
                    numbered.put(Integer.parseInt(name.substring(0, 8)), p);
                }
            });
        }
        return numbered;
    }

    @Override
    public TapeFile append(TapeHeader header, ByteBuffer data, Streamed streamed) throws IOException {
        if (appendAt < 0) {
            throw new IllegalStateException("LTFS volume " + label + " was not scanned before writing");
        }
        int number = nextFile++;
        long length = data.remaining();
        long dataOffset;
        long size;
        MessageDigest sha256 = Digests.sha256();
        byte[] digest;
        try (FileChannel channel = FileChannel.open(fileOf(number), CREATE_NEW, WRITE)) {
            writeAll(channel, TapeFiles.head(header, length));
            dataOffset = channel.position();
            ByteBuffer source = data.duplicate();
            long written = 0;
            while (source.hasRemaining()) {
                int n = Math.min(VirtualCartridge.CHUNK, source.remaining());
                ByteBuffer chunk = source.duplicate();
                chunk.limit(chunk.position() + n);
                sha256.update(chunk.duplicate());
                writeAll(channel, chunk);
                source.position(source.position() + n);
                written += n;
                streamed.bytes(written);
            }
            digest = sha256.digest();
            writeAll(channel, TapeFiles.tail(length, digest));
            channel.force(true);
            size = channel.position();
        }
        long start = appendAt;
        appendAt += size;
        return new TapeFile(header, number, start, dataOffset, appendAt, HexFormat.of().formatHex(digest));
    }

    private static void writeAll(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public ByteBuffer read(int file, long position, long dataOffset, long offset, int length) throws IOException {
        ByteBuffer result = ByteBuffer.allocateDirect(length);
        try (FileChannel channel = FileChannel.open(fileOf(file), READ)) {
            while (result.hasRemaining()) {
                if (channel.read(result, dataOffset + offset + result.position()) < 0) {
                    throw new IOException("tape file " + fileOf(file) + " on LTFS volume " + label + " is shorter "
                            + "than its catalog says");
                }
            }
        }
        return result.flip();
    }

    /**
     * Writes nothing: whatever is written to LTFS stays on tape until the volume is reformatted, so the probe only
     * streams the data through the drive's pacing (see {@link TapeDevice#probe}).
     */
    @Override
    public void probe(ByteBuffer data, Streamed streamed) throws IOException {
        streamed.bytes(data.remaining());
    }

    @Override
    public void close() {
        // Files are opened per operation; nothing stays open.
    }

    private Path fileOf(int number) {
        return folder.resolve(String.format("%08d.tf", number));
    }
}
