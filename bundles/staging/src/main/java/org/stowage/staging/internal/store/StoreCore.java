package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state one open store shares between its parts, and the two locks that guard it:
 * <ul>
 * <li>{@link #appendLock} serialises everything that writes: segment appends, journal records, reclamation. It is
 * held across I/O (writes and fsyncs).</li>
 * <li>{@link #state} guards the in-memory {@link MappingTable} and {@link BlockIndex}; held only for memory work,
 * never across I/O, so reads and planning stages are not held up by an fsync.</li>
 * </ul>
 * Lock order: appendLock, then state, then the capacity gate's lock. Never the reverse.
 */
final class StoreCore {

    final Path dir;
    final StoreOptions options;
    final ReentrantLock appendLock = new ReentrantLock();
    final ReentrantLock state = new ReentrantLock();
    final MappingTable table;
    final SegmentSet segments;
    final Journal journal;
    final CapacityGate gate;

    StoreCore(Path dir, StoreOptions options, MappingTable table, SegmentSet segments, Journal journal) {
        this.dir = dir;
        this.options = options;
        this.table = table;
        this.segments = segments;
        this.journal = journal;
        this.gate = new CapacityGate(options.capacityBytes(), table.blocks().liveBytes());
    }

    /**
     * Makes a record durable in the journal, then applies it to the mapping table. The caller holds
     * {@link #appendLock} and has already forced every block the record names.
     */
    void commit(JournalRecord record) throws IOException {
        if (!appendLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("staging journal commit without the append lock (a bug)");
        }
        journal.append(record);
        inState(() -> {
            table.apply(record);
            return null;
        });
    }

    /** Runs memory-only work on the mapping table under the state lock, and tells the gate what is used now. */
    <T> T inState(Supplier<T> work) {
        state.lock();
        try {
            T result = work.get();
            gate.usedChanged(table.blocks().liveBytes());
            return result;
        } finally {
            state.unlock();
        }
    }
}
