package org.stowage.routing.internal.placement;

import java.util.ArrayList;
import java.util.List;

import org.stowage.api.device.BlobName;

/**
 * One pack's way through the placement routes: the devices in the order the selection chose, how many must hold
 * the pack, which ones were tried, which acknowledged a durable copy and which failed and why. Rounds of writes
 * take the next untried devices, as many as copies are still missing, so a failed device is replaced by the next
 * one in the order.
 *
 * <p>Thread-safe: the fan-out's writer threads record into it while the route waits.
 */
final class PlacementProgress {

    private final BlobName name;
    private final List<String> order;
    private final int wanted;
    private final List<String> durable = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int next;

    /**
     * @param order  the device ids, best first, at least one
     * @param wanted how many durable copies are wanted (more than {@code order} holds: as many as it holds)
     */
    PlacementProgress(BlobName name, List<String> order, int wanted) {
        this.name = name;
        this.order = List.copyOf(order);
        this.wanted = wanted;
    }

    BlobName name() {
        return name;
    }

    int wanted() {
        return wanted;
    }

    /** Whether copies are missing and an untried device is left. */
    synchronized boolean wantsMore() {
        return durable.size() < wanted && next < order.size();
    }

    /** The next round: as many untried devices as copies are missing. */
    synchronized List<String> nextRound() {
        int count = Math.min(wanted - durable.size(), order.size() - next);
        List<String> round = List.copyOf(order.subList(next, next + count));
        next += count;
        return round;
    }

    synchronized void acknowledged(String deviceId) {
        durable.add(deviceId);
    }

    synchronized void failed(String deviceId, Throwable cause) {
        failures.add("device '" + deviceId + "': " + cause);
    }

    synchronized List<String> durable() {
        return List.copyOf(durable);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }
}
