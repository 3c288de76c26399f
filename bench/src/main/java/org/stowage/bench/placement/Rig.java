package org.stowage.bench.placement;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.stowage.api.device.Device;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.device.ProbeResult;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.engine.internal.placement.DeviceSet;
import org.stowage.engine.internal.placement.PlacementPolicy;
import org.stowage.engine.internal.placement.SpeedLog;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.PlacementRouteBuilder;
import org.stowage.routing.internal.placement.RoutePlacement;

/**
 * One bench run's storage, wired as the product wires it: each device paced by the test kit's {@link FaultyDevice}
 * (a shared link of the given bytes per second) and counted, one {@link SpeedLog} for the installation, the node
 * selectors, and packs placed either directly by the engine or through the Camel placement routes of stowage-routing
 * on a plain {@link DefaultCamelContext} (as {@code RoutingComponent} does in Karaf). Before a run each device is
 * probed once with 4 MiB, as the routing's probe route does after start, so that the selectors begin with a measured
 * speed of every device.
 */
final class Rig implements AutoCloseable {

    static final char[] PASSWORD = "placement-bars".toCharArray();
    private static final int PROBE_BYTES = 4 << 20;

    private final Map<String, FaultyDevice> paced = new LinkedHashMap<>();
    private final Map<String, CountingDevice> counted = new LinkedHashMap<>();
    private final SpeedLog speeds = new SpeedLog();
    private final BenchSelectors selectors;
    private final CamelContext camel;
    private final StorageSpec storage;

    /**
     * @param devices        the repository's devices (unpaced), in configured order
     * @param bytesPerSecond each device's pace, in the same order
     * @param routes         true: through the Camel placement routes; false: the engine's direct placement
     * @param fastestNow     the device fastest now, for the oracle selector
     * @param onPack         told the size of every pack a device took
     */
    Rig(List<Device> devices, List<Long> bytesPerSecond, String selector, int copies, boolean routes,
        Supplier<String> fastestNow, LongConsumer onPack) throws Exception {
        List<Device> members = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            Device device = devices.get(i);
            FaultyDevice throttled = FaultyDevice.wrap(device).bandwidth(bytesPerSecond.get(i)).build();
            CountingDevice counting = new CountingDevice(throttled, onPack);
            paced.put(device.descriptor().id(), throttled);
            counted.put(device.descriptor().id(), counting);
            members.add(counting);
        }
        this.selectors = new BenchSelectors(fastestNow);
        DeviceSet set = DeviceSet.of(members.toArray(Device[]::new));
        PlacementPolicy policy = new PlacementPolicy(selector, copies);
        this.camel = routes ? routes(members) : null;
        PackPlacement placement = camel == null ? null : new RoutePlacement(camel, camel.createProducerTemplate());
        this.storage = new StorageSpec(set, selectors, policy, speeds, () -> placement);
    }

    private CamelContext routes(List<Device> members) throws Exception {
        DeviceRegistry registry = new DeviceRegistry();
        members.forEach(device -> registry.add(device, 1));
        CamelContext context = new DefaultCamelContext();
        context.addComponent(DeviceConstants.SCHEME, new DeviceComponent(registry, speeds));
        context.addRoutes(new PlacementRouteBuilder(registry, selectors.registry(), speeds));
        context.start();
        return context;
    }

    /** Probes every device once (4 MiB, recorded as the probe route records it). */
    void probe() throws IOException {
        for (Map.Entry<String, CountingDevice> device : counted.entrySet()) {
            ProbeResult result = device.getValue().probe(PROBE_BYTES);
            speeds.record(device.getKey(), result.bytes(), result.elapsed().toNanos());
        }
    }

    /** A new repository on these devices, with the product's default options. */
    Repository init() throws IOException {
        return Repositories.init(storage, PASSWORD.clone(), RepositoryOptions.defaults());
    }

    /** Changes a device's pace for the transfers that start from now on. */
    void pace(String id, long bytesPerSecond) {
        paced.get(id).pace(Duration.ZERO, bytesPerSecond);
    }

    /** Pack bytes each device took so far, in configured order. */
    Map<String, Long> packBytes() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        counted.forEach((id, device) -> bytes.put(id, device.packBytes()));
        return bytes;
    }

    @Override
    public void close() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }
}
