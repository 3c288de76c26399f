package org.stowage.api.placement;

import java.util.List;

/**
 * The most recent measured transfer speeds of each device: pack writes and reads, and probes with test data the
 * device did not keep (source design S2). Placements and probes record; selectors see the samples as
 * {@link org.stowage.api.selector.NodeSelector.Candidate#recentSpeeds()}. One service per installation. Thread-safe.
 */
public interface DeviceSpeeds {

    /**
     * Records a transfer of {@code bytes} to or from the device that took {@code nanos} and has just ended: call it
     * right when the transfer returns, since transfers of one device that overlapped are told apart by when they
     * ended (the device's speed is what it moved while busy, not each transfer's own speed).
     */
    void record(String deviceId, long bytes, long nanos);

    /** The device's recent speeds in bytes per second, oldest first; empty if none was measured. */
    List<Double> recent(String deviceId);
}
