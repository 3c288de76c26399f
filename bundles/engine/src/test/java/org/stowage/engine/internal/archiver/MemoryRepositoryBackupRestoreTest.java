package org.stowage.engine.internal.archiver;

import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.testing.MemoryRepository;

/** The backup/restore contract on the in-memory test repository. */
class MemoryRepositoryBackupRestoreTest extends BackupRestoreContract {

    @Override
    Repository newRepository() {
        return new MemoryRepository();
    }

    @Override
    void corrupt(PackedBlob blob) {
        ((MemoryRepository) repository).corrupt(blob.kind(), blob.id());
    }
}
