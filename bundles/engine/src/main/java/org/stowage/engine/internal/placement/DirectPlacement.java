package org.stowage.engine.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.Device;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.api.placement.support.PlacementPlanner;
import org.stowage.api.selector.NodeSelector;
import org.stowage.engine.internal.memory.WorkerThreads;

/**
 * Places packs by writing them straight to the devices, in the calling (uploader) thread: the selector orders the
 * online devices ({@link PlacementPlanner}), the pack goes to the first {@code copies} of them at once, and each
 * write that fails is replaced by the selector's next device, until the copies are durable or the order is used up.
 * A pack placed "everywhere" (tree packs) goes to every online device. A pack that reaches at least
 * one device but fewer than {@code copies} is accepted and logged as under-replicated (check reports it; a copy job
 * completes it), so that losing a device mid-job does not fail a backup that is still safe on another.
 *
 * <p>Thread-safe. Every write's speed is recorded in the {@link SpeedLog} the selectors see.
 */
public final class DirectPlacement implements Placement {

    private static final Logger LOG = LoggerFactory.getLogger(DirectPlacement.class);
    /** Second and later copies of a pack are written by these threads while the uploader writes the first. */
    private static final ExecutorService COPY_WRITERS =
            Executors.newCachedThreadPool(WorkerThreads.named("stowage-copy-writer-"));

    private final DeviceSet devices;
    private final Selectors selectors;
    private final PlacementPolicy policy;
    private final DeviceSpeeds speeds;
    private final PlacementPlanner planner;

    public DirectPlacement(DeviceSet devices, Selectors selectors, PlacementPolicy policy, DeviceSpeeds speeds) {
        this.devices = devices;
        this.selectors = selectors;
        this.policy = policy;
        this.speeds = speeds;
        this.planner = new PlacementPlanner(speeds);
    }

    @Override
    public List<String> place(BlobName name, ByteBuffer pack, String stream, boolean everywhere)
            throws IOException {
        List<Device> online = devices.online();
        if (online.isEmpty()) {
            throw new IOException("cannot write " + name + ": no device of the repository is online ("
                    + devices.describe() + ")");
        }
        if (everywhere) {
            return everywhere(name, pack, online);
        }
        PlacementRequest request = new PlacementRequest(name, stream, devices.ids(), policy.selectorName(),
                policy.copies(), false);
        List<String> order = planner.targets(request, pack.remaining(), online, devices::weight, selector());
        if (order.isEmpty()) {
            throw new IOException("cannot write " + name + ": selector '" + policy.selectorName() + "' accepted none "
                    + "of the online devices (" + devices.describe() + ")");
        }
        List<String> durable = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int next = 0;
        while (durable.size() < policy.copies() && next < order.size()) {
            int wanted = Math.min(policy.copies() - durable.size(), order.size() - next);
            writeAll(name, pack, order.subList(next, next + wanted), durable, failures);
            next += wanted;
        }
        if (durable.isEmpty()) {
            throw new IOException("cannot write " + name + " to any device: " + String.join("; ", failures));
        }
        if (!failures.isEmpty() || durable.size() < policy.copies()) {
            LOG.warn("{} is on {} of {} wanted device(s) {}{}", name, durable.size(), policy.copies(), durable,
                    failures.isEmpty() ? "" : " after failures: " + String.join("; ", failures));
        }
        return durable;
    }

    /** Writes to every online device at once; accepts any that took it (the others get it at their next sync). */
    private List<String> everywhere(BlobName name, ByteBuffer pack, List<Device> online) throws IOException {
        List<String> durable = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        writeAll(name, pack, online.stream().map(d -> d.descriptor().id()).toList(), durable, failures);
        if (durable.isEmpty()) {
            throw new IOException("cannot write " + name + " to any device: " + String.join("; ", failures));
        }
        if (!failures.isEmpty()) {
            LOG.warn("{} is on {} of the {} online devices after failures: {}", name, durable, online.size(),
                    String.join("; ", failures));
        }
        return durable;
    }

    /** The named selector; null (the configured order) when the policy names none. */
    private NodeSelector selector() throws IOException {
        String name = policy.selectorName();
        if (name.isEmpty()) {
            return null;
        }
        return selectors.named(name).orElseThrow(() -> new IOException("the node selector '" + name + "' is not "
                + "installed (installed: " + (selectors.names().isEmpty() ? "none" : selectors.names()) + "); "
                + "install its bundle or set 'selector' to another one"));
    }

    /** Writes to every target at once: the first in this thread, the others on copy writer threads. */
    private void writeAll(BlobName name, ByteBuffer pack, List<String> targets, List<String> durable,
                          List<String> failures) {
        List<CompletableFuture<String>> others = new ArrayList<>();
        for (String target : targets.subList(1, targets.size())) {
            others.add(CompletableFuture.supplyAsync(() -> write(name, pack, target), COPY_WRITERS));
        }
        collect(targets.get(0), () -> write(name, pack, targets.get(0)), durable, failures);
        for (int i = 0; i < others.size(); i++) {
            CompletableFuture<String> other = others.get(i);
            collect(targets.get(i + 1), other::join, durable, failures);
        }
    }

    private static void collect(String target, Supplier<String> result, List<String> durable,
                                List<String> failures) {
        try {
            durable.add(result.get());
        } catch (CompletionException e) {
            failures.add(describe(target, e.getCause()));
        } catch (Failed e) {
            failures.add(describe(target, e));
        }
    }

    private static String describe(String target, Throwable failure) {
        Throwable cause = failure instanceof Failed ? failure.getCause() : failure;
        return "device '" + target + "': " + cause;
    }

    /** Writes one copy; returns the device id. */
    private String write(BlobName name, ByteBuffer pack, String target) {
        Device device = devices.get(target).orElseThrow(() -> new Failed(new IOException("device '" + target
                + "' left the repository's devices")));
        long started = System.nanoTime();
        try {
            device.put(name, pack.duplicate());
        } catch (IOException | RuntimeException e) {
            throw new Failed(e);
        }
        speeds.record(target, pack.remaining(), System.nanoTime() - started);
        return target;
    }

    /** A failed write, carried through the futures; its cause is what the device threw. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
