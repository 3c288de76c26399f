package org.stowage.api.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

import org.stowage.api.device.BlobName;

/**
 * Where packs leave the engine: writes a finished pack to the devices a node selector chooses, replacing each device
 * whose write fails by the selector's next one, and answers once the copies are durable. The engine uses a service of
 * this type when one is registered (stowage-routing registers one made of Camel routes) and writes to the devices
 * itself when none is.
 *
 * <p>Contract: {@link #place} returns only when every device it names holds a durable copy (the device's {@code put}
 * returned). It returns at least one device, and fewer than {@link PlacementRequest#copies()} only when no further
 * device could take the pack (the caller records what it got; check reports under-replicated packs). It throws when
 * no device took it, naming every device tried and why. Thread-safe: the engine's uploader threads call it at once.
 * It does not change {@code pack}'s position and does not keep it after returning.
 */
public interface PackPlacement {

    /** Places the pack; returns the ids of the devices that hold a durable copy. */
    List<String> place(PlacementRequest request, ByteBuffer pack) throws IOException;

    /**
     * What to place and where it may go.
     *
     * @param name       the pack's blob name (type DATA)
     * @param stream     the run of packs it belongs to (selectors may keep a stream on one device); never null
     * @param devices    the ids of the devices that may receive it, in the operator's order of preference
     * @param selector   the name of the node selector that orders them; empty: the order of {@code devices}, idle
     *                   devices first
     * @param copies     how many devices must hold it, at least 1
     * @param everywhere true to write it to every online device of {@code devices} instead (tree packs, which every
     *                   restore needs)
     */
    record PlacementRequest(BlobName name, String stream, List<String> devices, String selector, int copies,
                            boolean everywhere) {
        public PlacementRequest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stream, "stream");
            devices = List.copyOf(devices);
            selector = selector == null ? "" : selector.trim();
            if (devices.isEmpty() || copies < 1) {
                throw new IllegalArgumentException("invalid placement of " + name + ": devices=" + devices
                        + " copies=" + copies);
            }
        }
    }
}
