package org.stowage.engine.internal.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.stowage.api.device.BlobName;
import org.stowage.engine.internal.repo.BlobKind;

/** Writes a finished pack to the repository's devices and says which devices hold a durable copy. Thread-safe. */
@FunctionalInterface
public interface PackWriter {

    /**
     * @param kind the kind of every blob in the pack (tree packs, the structure every restore needs, may be kept on
     *             more devices than data packs)
     * @return the ids of the devices that hold a durable copy, never empty
     * @throws IOException if no device could take it
     */
    List<String> write(BlobName name, ByteBuffer pack, BlobKind kind) throws IOException;
}
