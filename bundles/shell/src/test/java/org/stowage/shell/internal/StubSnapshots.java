package org.stowage.shell.internal;

import java.util.List;

import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;

/** A SnapshotService whose tests override only what they use. */
class StubSnapshots implements SnapshotService {

    @Override
    public List<SnapshotInfo> snapshots() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SnapshotInfo snapshot(String idOrPrefix) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<NodeInfo> list(String snapshot, String path, boolean recursive) {
        throw new UnsupportedOperationException();
    }
}
