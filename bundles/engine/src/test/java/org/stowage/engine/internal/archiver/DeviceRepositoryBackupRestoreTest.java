package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;

/** The backup/restore contract on the real repository (packs, AES-GCM, zstd, index) over a memory device. */
class DeviceRepositoryBackupRestoreTest extends BackupRestoreContract {

    private final MemoryDevice device = new MemoryDevice("test-device");

    @Override
    Repository newRepository() throws IOException {
        return Repositories.init(device, "secret".toCharArray(), RepositoryOptions.defaults()
                .withChunks(16 << 10, 64 << 10, 256 << 10).withPackSize(1 << 20).withScryptN(16));
    }

    @Override
    void corrupt(PackedBlob blob) throws IOException {
        BlobName pack = BlobName.of(BlobType.DATA, blob.packId());
        ByteBuffer stored = device.get(pack, ByteRange.ALL);
        byte[] bytes = new byte[stored.remaining()];
        stored.get(bytes);
        bytes[Math.toIntExact(blob.offset() + blob.storedLength() / 2)] ^= 0x55;
        device.overwrite(pack, bytes);
    }

    @AfterEach
    void closeRepository() throws IOException {
        repository.close();
    }
}
