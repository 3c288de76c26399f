package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.StoredRun;

/**
 * Reads the planned blobs pack by pack, in offset order, in runs of nearby blobs (one ranged read each, at most
 * {@link #MAX_RUN} bytes, split where more than {@link #MAX_GAP} unneeded bytes lie between). Reads stay sequential
 * on the calling thread (pack order matters for tape); the blobs of each run are decoded and verified in parallel by
 * the {@link ParallelDecoder}, which hands them to the writer in the same order on this thread. A blob that fails
 * verification fails only the files that need it; when a run cannot be read at all, its blobs are loaded one by
 * one, so one unreadable range fails only the files that need it.
 *
 * <p>Memory: the decoder's two run buffers, used in turn (run n reads into buffer n % 2 once the decoder has
 * delivered run n - 2), each grown to the largest run read (at most {@link #MAX_RUN} plus one blob), plus the
 * decoder's bounded window of decoded blobs. Not thread-safe.
 */
final class RunReader {

    static final long MAX_RUN = 32L << 20;
    static final long MAX_GAP = 1L << 20;

    private final Repository repository;
    private final BlobWriter writer;
    private final ParallelDecoder decoder;

    RunReader(Repository repository, BlobWriter writer, ParallelDecoder decoder) {
        this.repository = repository;
        this.writer = writer;
        this.decoder = decoder;
    }

    /**
     * Reads all blobs, pack by pack (packs in id order, or in medium order where their copies are on a positioned
     * device: see {@link PackOrder}); {@code afterRun} runs after each run is queued.
     */
    void readAll(Iterable<PackedBlob> blobs, Runnable afterRun) {
        Map<String, List<PackedBlob>> byPack = new TreeMap<>();
        blobs.forEach(b -> byPack.computeIfAbsent(b.packId(), p -> new ArrayList<>()).add(b));
        long runNumber = 0;
        for (String packId : PackOrder.of(repository.copies()::readPosition, byPack.keySet())) {
            List<PackedBlob> pack = byPack.get(packId);
            pack.sort(Comparator.comparingLong(PackedBlob::offset));
            for (List<PackedBlob> run : runs(pack)) {
                decoder.beforeRun(runNumber);
                read(runNumber++, run);
                afterRun.run();
            }
        }
        decoder.drain();
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

    private void read(long runNumber, List<PackedBlob> run) {
        StoredRun stored;
        try {
            stored = repository.readRun(run, runBuffer(runNumber, run));
        } catch (IOException | StowageException e) {
            run.forEach(blob -> writer.writeAlone(repository, blob, e.getMessage()));
            return;
        }
        for (PackedBlob blob : run) {
            decoder.submit(runNumber, stored, blob);
        }
    }

    /** The decoder's buffer for run {@code runNumber}, holding its bytes. */
    private ByteBuffer runBuffer(long runNumber, List<PackedBlob> run) {
        PackedBlob first = run.get(0);
        PackedBlob last = run.get(run.size() - 1);
        return decoder.runBuffer(runNumber, Math.toIntExact(last.offset() + last.storedLength() - first.offset()));
    }
}
