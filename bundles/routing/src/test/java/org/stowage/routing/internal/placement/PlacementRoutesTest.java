package org.stowage.routing.internal.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.api.selector.NodeSelector;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.device.testkit.TestBlobs;
import org.stowage.routing.internal.RecordingSpeeds;
import org.stowage.routing.internal.device.DeviceComponent;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;

/** The placement routes on a test CamelContext, over in-memory devices wrapped in the fault-injecting decorator. */
class PlacementRoutesTest extends CamelTestSupport {

    private static final int PACK_SIZE = 256 * 1024;

    private final DeviceRegistry devices = new DeviceRegistry();
    private final SelectorRegistry selectors = new SelectorRegistry();
    private final RecordingSpeeds speeds = new RecordingSpeeds();
    private final FaultyDevice a = device("a");
    private final FaultyDevice b = device("b");
    private final FaultyDevice c = device("c");

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.addComponent(DeviceConstants.SCHEME, new DeviceComponent(devices, speeds));
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new PlacementRouteBuilder(devices, selectors, speeds);
    }

    @Test
    void everyStageHasItsRouteId() {
        for (String id : List.of(PlacementRoutes.PLACE_ROUTE_ID, PlacementRoutes.COPIES_ROUTE_ID,
                PlacementRoutes.EVERYWHERE_ROUTE_ID, PlacementRoutes.FANOUT_ROUTE_ID, PlacementRoutes.ACK_ROUTE_ID)) {
            assertNotNull(context.getRoute(id), id);
        }
    }

    @Test
    void copiesGoToTheFirstDevicesOfTheOrderAndEachWriteSpeedIsRecorded() throws IOException {
        ByteBuffer pack = pack(1);
        List<String> durable = place(request("p1", 2), pack);

        assertEquals(List.of("a", "b"), durable);
        assertStored(pack, "p1", a, b);
        assertNotStored("p1", c);
        assertEquals(0, pack.position(), "the pack's position is not changed");
        assertEquals(List.of("a", "b"), speeds.devices().stream().sorted().toList());
        speeds.transfers().forEach(t -> assertEquals(PACK_SIZE, t.bytes(), t.toString()));
    }

    @Test
    void aDeviceThatFailsMidJobIsReplacedByTheNextOne() throws IOException {
        a.arm(Fault.fail(DeviceOperation.PUT).fromNth(2));

        assertEquals(List.of("a", "b"), place(request("p1", 2), pack(1)));
        List<String> durable = place(request("p2", 2), pack(2));

        assertEquals(List.of("b", "c"), durable);
        assertNotStored("p2", a);
        assertStored(pack(2), "p2", b, c);
    }

    @Test
    void fewerDurableCopiesThanWantedAreAccepted() throws IOException {
        b.arm(Fault.fail(DeviceOperation.PUT));
        c.arm(Fault.fail(DeviceOperation.PUT));

        assertEquals(List.of("a"), place(request("p1", 2), pack(1)));
    }

    @Test
    void noDurableCopyFailsNamingThePackAndEveryDeviceTried() {
        a.arm(Fault.fail(DeviceOperation.PUT));
        b.arm(Fault.fail(DeviceOperation.PUT));
        c.arm(Fault.fail(DeviceOperation.PUT));

        IOException e = assertThrows(IOException.class, () -> place(request("p1", 2), pack(1)));

        String message = e.getMessage();
        assertTrue(message.startsWith("cannot write " + name("p1") + " to any device: "), message);
        for (String id : List.of("a", "b", "c")) {
            assertTrue(message.contains("device '" + id + "': ") && message.contains(FaultyDevice.INJECTED), message);
        }
        assertTrue(speeds.transfers().isEmpty(), "no speed for failed writes");
    }

    @Test
    void everywhereWritesToEveryOnlineDevice() throws IOException {
        c.arm(Fault.removed());
        ByteBuffer tree = pack(3);

        List<String> durable = place(new PlacementRequest(name("t1"), "s", List.of("a", "b", "c"), "", 1, true), tree);

        assertEquals(List.of("a", "b"), durable.stream().sorted().toList());
        assertStored(tree, "t1", a, b);
        assertEquals(0, c.completed(DeviceOperation.PUT), "an offline device is not written");
    }

    @Test
    void everywhereAcceptsWhatReachedSomeDevices() throws IOException {
        b.arm(Fault.fail(DeviceOperation.PUT));

        List<String> durable = place(new PlacementRequest(name("t1"), "s", List.of("a", "b", "c"), "", 1, true),
                pack(3));

        assertEquals(List.of("a", "c"), durable.stream().sorted().toList());
    }

    @Test
    void theNamedSelectorOrdersTheDevices() throws IOException {
        List<NodeSelector.PlacementRequest> asked = new ArrayList<>();
        selectors.add((request, candidates) -> {
            asked.add(request);
            return candidates.stream().map(NodeSelector.Candidate::id).sorted((x, y) -> y.compareTo(x)).toList();
        }, Map.of(NodeSelector.PROP_NAME, "reverse"));

        List<String> durable = place(new PlacementRequest(name("p1"), "stream-1", List.of("a", "b", "c"), "reverse",
                1, false), pack(1));

        assertEquals(List.of("c"), durable);
        assertEquals(List.of(new NodeSelector.PlacementRequest("stream-1", PACK_SIZE, 1)), asked);
    }

    @Test
    void aSelectorThatIsNotInstalledFailsClearly() {
        IOException e = assertThrows(IOException.class, () -> place(new PlacementRequest(name("p1"), "s",
                List.of("a"), "striped", 1, false), pack(1)));

        assertTrue(e.getMessage().contains("node selector 'striped' is not installed"), e.getMessage());
    }

    @Test
    void noOnlineDeviceFailsNamingEachAndWhy() {
        a.arm(Fault.removed());

        IOException e = assertThrows(IOException.class, () -> place(new PlacementRequest(name("p1"), "s",
                List.of("a", "gone"), "", 1, false), pack(1)));

        assertTrue(e.getMessage().contains("no device of the repository is online ('a' (offline: "), e.getMessage());
        assertTrue(e.getMessage().contains("'gone' (removed, or not configured)"), e.getMessage());
    }

    @Test
    void thePackTravelsAsTheCallersBufferNotACopy() throws IOException {
        List<ByteBuffer> seen = new ArrayList<>();
        devices.add(new MemoryDevice("d") {
            @Override
            public void put(BlobName name, ByteBuffer content) throws org.stowage.api.device.DeviceException {
                seen.add(content);
                super.put(name, content);
            }
        }, 1);
        ByteBuffer pack = TestBlobs.direct(TestBlobs.random(PACK_SIZE, 9));
        pack.position(16);

        place(new PlacementRequest(name("p1"), "s", List.of("d"), "", 1, false), pack);

        assertTrue(seen.get(0).isDirect(), "the device gets a view of the caller's direct buffer");
        assertEquals(16, seen.get(0).position());
        assertEquals(16, pack.position());
    }

    private List<String> place(PlacementRequest request, ByteBuffer pack) throws IOException {
        return new RoutePlacement(context, template).place(request, pack);
    }

    private FaultyDevice device(String id) {
        FaultyDevice device = FaultyDevice.wrap(new MemoryDevice(id)).build();
        devices.add(device, 1);
        return device;
    }

    private static PlacementRequest request(String pack, int copies) {
        return new PlacementRequest(name(pack), "s", List.of("a", "b", "c"), "", copies, false);
    }

    private static BlobName name(String pack) {
        return BlobName.of(BlobType.DATA, pack);
    }

    private static ByteBuffer pack(long seed) {
        return TestBlobs.direct(TestBlobs.random(PACK_SIZE, seed));
    }

    private static void assertStored(ByteBuffer pack, String id, Device... holders) throws IOException {
        for (Device device : holders) {
            assertEquals(pack, device.get(name(id), org.stowage.api.device.ByteRange.ALL), device.descriptor().id());
        }
    }

    private static void assertNotStored(String id, Device... others) throws IOException {
        for (Device device : others) {
            assertFalse(device.stat(name(id)).isPresent(), device.descriptor().id());
        }
    }
}
