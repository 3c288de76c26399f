package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;

/**
 * Reads the planned blobs pack by pack, in offset order, in runs of nearby blobs (one ranged read each, at most
 * {@link #MAX_RUN} bytes, split where more than {@link #MAX_GAP} unneeded bytes lie between). Every blob is
 * verified by the repository before the writer sees it. When a run fails, its blobs not yet delivered are retried
 * one by one, so one corrupt blob fails only the files that need it.
 *
 * <p>Memory: one run's stored bytes (in the repository) plus one decoded blob at a time. Not thread-safe.
 */
final class PackReader {

    static final long MAX_RUN = 32L << 20;
    static final long MAX_GAP = 1L << 20;

    private final Repository repository;
    private final BlobWriter writer;

    PackReader(Repository repository, BlobWriter writer) {
        this.repository = repository;
        this.writer = writer;
    }

    /** Reads all blobs, pack by pack (packs in id order); {@code afterRun} runs after each run. */
    void readAll(Iterable<PackedBlob> blobs, Runnable afterRun) {
        Map<String, List<PackedBlob>> byPack = new TreeMap<>();
        blobs.forEach(b -> byPack.computeIfAbsent(b.packId(), p -> new ArrayList<>()).add(b));
        for (List<PackedBlob> pack : byPack.values()) {
            pack.sort(Comparator.comparingLong(PackedBlob::offset));
            for (List<PackedBlob> run : runs(pack)) {
                read(run);
                afterRun.run();
            }
        }
    }

    static List<List<PackedBlob>> runs(List<PackedBlob> sorted) {
        List<List<PackedBlob>> runs = new ArrayList<>();
        List<PackedBlob> run = new ArrayList<>();
        for (PackedBlob blob : sorted) {
            if (!run.isEmpty()) {
                PackedBlob first = run.get(0);
                PackedBlob last = run.get(run.size() - 1);
                long gap = blob.offset() - (last.offset() + last.storedLength());
                if (gap > MAX_GAP || blob.offset() + blob.storedLength() - first.offset() > MAX_RUN) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            }
            run.add(blob);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private void read(List<PackedBlob> run) {
        Set<BlobId> delivered = new HashSet<>();
        try {
            repository.loadBlobs(run, (blob, plaintext) -> {
                delivered.add(blob.id());
                writer.write(blob, plaintext);
            });
        } catch (IOException | StowageException e) {
            for (PackedBlob blob : run) {
                if (!delivered.contains(blob.id())) {
                    readOne(blob);
                }
            }
        }
    }

    private void readOne(PackedBlob blob) {
        try {
            ByteBuffer plaintext = repository.loadBlob(blob.kind(), blob.id());
            writer.write(blob, plaintext);
        } catch (IOException | StowageException e) {
            writer.blobFailed(blob.id(), e.getMessage() + " (pack " + blob.packId().substring(0, 8) + ")");
        }
    }
}
