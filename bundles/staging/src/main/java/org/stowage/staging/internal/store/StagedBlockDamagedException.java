package org.stowage.staging.internal.store;

import java.nio.file.Path;

import org.stowage.api.device.BlobName;
import org.stowage.api.repository.IntegrityException;

/**
 * A block of a staged object failed verification (header, length, or the data's SHA-256 or CRC32C); no unverified
 * byte was returned.
 * The object stays staged: another copy (on a device) may serve the read, and the operator decides whether to
 * release it.
 */
public class StagedBlockDamagedException extends IntegrityException {

    private static final long serialVersionUID = 1L;

    private final String deviceId;
    private final BlobName name;
    private final int blockIndex;

    StagedBlockDamagedException(String deviceId, BlobName name, int blockIndex, long objectOffset, BlockId id,
                                Path segment, long segmentOffset, String problem) {
        super("staged blob " + name + " for device '" + deviceId + "' is damaged in block " + blockIndex
                + " (object offset " + objectOffset + ", block id " + (id == null ? "none" : id) + ", segment "
                + segment + " at offset " + segmentOffset + "): " + problem + ". Read it from another copy if one "
                + "exists; the staged copy stays until it is released");
        this.deviceId = deviceId;
        this.name = name;
        this.blockIndex = blockIndex;
    }

    public String deviceId() {
        return deviceId;
    }

    public BlobName name() {
        return name;
    }

    /** The damaged block's position in the object (0 = the first {@code blockSize} bytes). */
    public int blockIndex() {
        return blockIndex;
    }
}
