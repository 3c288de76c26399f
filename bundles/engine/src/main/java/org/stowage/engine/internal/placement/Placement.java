package org.stowage.engine.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.stowage.api.device.BlobName;

/**
 * Where packs leave the engine: writes a finished pack to the devices chosen for it and says which devices hold a
 * durable copy. Implementations choose with a node selector and fail over to the selector's next device when a
 * write fails.
 *
 * <p>Thread-safe: the packer's uploader threads call it concurrently. Does not change {@code pack}'s position.
 */
public interface Placement {

    /**
     * Writes the pack.
     *
     * @param stream     the run of packs it belongs to, for selectors that keep a stream on one device
     * @param everywhere true to write it to every online device instead of the selector's choice (tree packs)
     * @return the ids of the devices that hold a durable copy, never empty (fewer than the configured copies when
     *         not enough devices could take it; logged)
     * @throws IOException if no device could take it, naming every device tried and why
     */
    List<String> place(BlobName name, ByteBuffer pack, String stream, boolean everywhere) throws IOException;
}
