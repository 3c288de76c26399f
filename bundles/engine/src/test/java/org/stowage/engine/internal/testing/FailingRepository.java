package org.stowage.engine.internal.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.stowage.engine.internal.repo.Administration;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.FormatInternals;
import org.stowage.engine.internal.repo.PackCopies;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryConfig;
import org.stowage.engine.internal.repo.SaveResult;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * A repository decorator whose DATA saves fail after a number of calls, as a device that fills up or goes away
 * mid-backup would (a fault a test cannot produce for real on demand). Tree saves, flush and snapshots still
 * work, so the archiver can commit an incomplete snapshot. Thread-safe.
 */
public final class FailingRepository implements Repository {

    private final Repository delegate;
    private final AtomicInteger dataSavesLeft;

    public FailingRepository(Repository delegate, int dataSaves) {
        this.delegate = delegate;
        this.dataSavesLeft = new AtomicInteger(dataSaves);
    }

    @Override
    public SaveResult saveBlob(BlobKind kind, BlobId id, ByteBuffer plaintext) throws IOException {
        if (kind == BlobKind.DATA && dataSavesLeft.getAndDecrement() <= 0) {
            throw new IOException("injected failure: no space left on device");
        }
        return delegate.saveBlob(kind, id, plaintext);
    }

    @Override
    public RepositoryConfig config() {
        return delegate.config();
    }

    @Override
    public long saveMemory() {
        return delegate.saveMemory();
    }

    @Override
    public String firstDeviceId() {
        return delegate.firstDeviceId();
    }

    @Override
    public BlobId blobId(ByteBuffer plaintext) {
        return delegate.blobId(plaintext);
    }

    @Override
    public boolean contains(BlobKind kind, BlobId id) {
        return delegate.contains(kind, id);
    }

    @Override
    public ByteBuffer loadBlob(BlobKind kind, BlobId id) throws IOException {
        return delegate.loadBlob(kind, id);
    }

    @Override
    public Optional<PackedBlob> lookup(BlobKind kind, BlobId id) {
        return delegate.lookup(kind, id);
    }

    @Override
    public void loadBlobs(List<PackedBlob> blobsInOnePack, BlobConsumer consumer) throws IOException {
        delegate.loadBlobs(blobsInOnePack, consumer);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public String saveSnapshot(Snapshot snapshot) throws IOException {
        return delegate.saveSnapshot(snapshot);
    }

    @Override
    public List<SnapshotRecord> snapshots() throws IOException {
        return delegate.snapshots();
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        delegate.deleteSnapshot(id);
    }

    @Override
    public void forEachIndexed(Consumer<PackedBlob> visitor) {
        delegate.forEachIndexed(visitor);
    }

    @Override
    public Lease lockShared(String operation) throws IOException {
        return delegate.lockShared(operation);
    }

    @Override
    public Lease lockForReading(String operation) throws IOException {
        return delegate.lockForReading(operation);
    }

    @Override
    public Optional<String> brokenReason() {
        return delegate.brokenReason();
    }

    @Override
    public Administration administration() {
        return delegate.administration();
    }

    @Override
    public PackCopies copies() {
        return delegate.copies();
    }

    @Override
    public FormatInternals format() {
        return delegate.format();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
