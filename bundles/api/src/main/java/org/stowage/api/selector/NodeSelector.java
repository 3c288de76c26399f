package org.stowage.api.selector;

import java.util.Collection;
import java.util.List;

import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceStatus;

/**
 * Chooses the devices that receive a blob. Implementations are stateless or thread-safe; they must not block.
 */
public interface NodeSelector {

    /** Service property: the selector's name, referenced by job configurations. */
    String PROP_NAME = "selector.name";

    /**
     * Returns the ids of the devices that should receive the blob, in order of preference, at most
     * {@code request.copies()} of them. Returns an empty list when no candidate can take it.
     */
    List<String> select(PlacementRequest request, Collection<Candidate> candidates);

    /** What is to be placed: the blob's size and how many copies are wanted. */
    record PlacementRequest(long sizeBytes, int copies) {
        public PlacementRequest {
            if (sizeBytes < 0 || copies < 1) {
                throw new IllegalArgumentException("invalid placement: size=" + sizeBytes + " copies=" + copies);
            }
        }
    }

    /** A device that could receive the blob, with its current status. */
    record Candidate(DeviceDescriptor descriptor, DeviceStatus status) {
    }
}
