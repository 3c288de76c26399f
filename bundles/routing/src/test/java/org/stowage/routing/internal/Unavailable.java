package org.stowage.routing.internal;

import java.util.List;

import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.CheckService;

/** The services a routes test does not use: every call fails, so that a test that does use one notices. */
final class Unavailable implements RestoreService, SnapshotService, CheckService {

    @Override
    public RestoreResult restore(RestoreRequest request, ProgressListener listener) {
        throw new UnsupportedOperationException("restore is not part of this test");
    }

    @Override
    public List<SnapshotInfo> snapshots() {
        throw new UnsupportedOperationException("snapshots are not part of this test");
    }

    @Override
    public SnapshotInfo snapshot(String idOrPrefix) {
        throw new UnsupportedOperationException("snapshots are not part of this test");
    }

    @Override
    public List<NodeInfo> list(String snapshot, String path, boolean recursive) {
        throw new UnsupportedOperationException("ls is not part of this test");
    }

    @Override
    public CheckReport check(boolean readData, ProgressListener listener) {
        throw new UnsupportedOperationException("check is not part of this test");
    }
}
