package org.stowage.routing.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceState;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.device.testkit.TestBlobs;
import org.stowage.routing.internal.component.StowageEvents;
import org.stowage.routing.internal.device.DeviceRegistry;
import org.stowage.routing.internal.placement.SelectorRegistry;
import org.stowage.routing.internal.status.DeviceStateChange;

/** All of Stowage's routes on one plain CamelContext, with their real timers, as the routing component runs them. */
class StowageRoutesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final DeviceRegistry devices = new DeviceRegistry();
    private final RecordingSpeeds speeds = new RecordingSpeeds();
    private final List<DeviceStateChange> posted = new CopyOnWriteArrayList<>();
    private final RecordingStaging staging = new RecordingStaging();
    private StowageRoutes routes;

    @AfterEach
    void stop() {
        if (routes != null) {
            routes.close();
        }
    }

    @Test
    void everyRouteRunsOnTheOneContextUnderItsId() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        routes = start(camel, new RoutingSettings(1_000, 300_000, 30_000, 65_536));

        assertEquals(Set.of("stowage-placement-select", "stowage-placement-copies", "stowage-placement-everywhere",
                "stowage-placement-fanout", "stowage-placement-ack", "stowage-device-status", "stowage-device-events",
                "stowage-device-probe", "stowage-staging-on-idle", "stowage-staging-drain", "backup", "copy",
                "retention"),
                Set.copyOf(camel.getRoutes().stream().map(Route::getRouteId).toList()));
    }

    @Test
    void camelJmxDecidesWhichPartsOfTheContextAreMBeans() throws Exception {
        assertEquals(Set.of(), mbeanTypes(CamelJmx.OFF));
        Set<String> contextLevel = mbeanTypes(CamelJmx.CONTEXT);
        assertTrue(contextLevel.contains("context") && !contextLevel.contains("routes"), contextLevel::toString);
        Set<String> routeLevel = mbeanTypes(CamelJmx.ROUTES);
        assertTrue(routeLevel.containsAll(Set.of("context", "routes")), routeLevel::toString);
        assertTrue(!routeLevel.contains("processors"), routeLevel::toString);
        Set<String> all = mbeanTypes(CamelJmx.ALL);
        assertTrue(all.containsAll(Set.of("context", "routes", "processors")), all::toString);
    }

    /** The {@code type} keys of the MBeans a context with every route registers at {@code level}. */
    private Set<String> mbeanTypes(CamelJmx level) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        try (StowageRoutes started = start(camel, new RoutingSettings(1_000, 300_000, 30_000, 65_536, null, 0,
                level))) {
            Set<String> context = Set.of(camel.getName(), ObjectName.quote(camel.getName())); // quoted or not
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("org.apache.camel:*"), null)
                    .stream().filter(name -> context.contains(name.getKeyProperty("context")))
                    .map(name -> name.getKeyProperty("type")).collect(Collectors.toSet());
        }
    }

    @Test
    void probesOffMeansNoProbeRoute() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        routes = start(camel, new RoutingSettings(1_000, 0, 0, 65_536));

        assertTrue(camel.getRoute("stowage-device-probe") == null);
    }

    @Test
    void theTriggersPollStatusProbeIdleDevicesAndPacksArePlaced() throws Exception {
        FaultyDevice local = FaultyDevice.wrap(new MemoryDevice("local")).build();
        devices.add(local, 1);
        routes = start(new DefaultCamelContext(), new RoutingSettings(100, 60_000, 0, 65_536));

        await().atMost(TIMEOUT).until(() -> !posted.isEmpty());
        assertEquals("local", posted.get(0).deviceId());
        assertEquals(DeviceState.IDLE, posted.get(0).state());
        await().atMost(TIMEOUT).until(() -> speeds.devices().contains("local"));
        assertEquals(65_536, speeds.transfers().get(0).bytes(), "the first probe soon after start, of probe.size");

        ByteBuffer pack = TestBlobs.direct(TestBlobs.random(100_000, 1));
        assertEquals(List.of("local"), routes.placement().place(new PlacementRequest(BlobName.of(BlobType.DATA, "p"),
                "s", List.of("local"), "", 1, false), pack));
        assertEquals(1, posted.size(), "one transition, seen once, however many polls ran");

        local.setBusy("scrubbing");
        await("the next change, without waiting for a consumer of the direct endpoint").atMost(Duration.ofSeconds(5))
                .until(() -> posted.size() == 2);
        assertEquals(DeviceState.BUSY, posted.get(1).state());
    }

    @Test
    void deviceTransitionsReachAStowageEventsRouteWithTheDeviceAndReason() throws Exception {
        FaultyDevice local = FaultyDevice.wrap(new MemoryDevice("local")).build();
        devices.add(local, 1);
        DefaultCamelContext camel = new DefaultCamelContext();
        routes = start(camel, new RoutingSettings(100, 0, 0, 65_536));
        List<String> seen = new CopyOnWriteArrayList<>();
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=DEVICE_BUSY").routeId("busy-listener")
                        .process(e -> seen.add(e.getMessage().getHeader("StowageDeviceId") + " "
                                + e.getMessage().getHeader("StowageReason")));
            }
        });

        local.setBusy("scrubbing");
        await("the BUSY transition as a stowage: event").atMost(TIMEOUT).until(() -> !seen.isEmpty());
        assertEquals(List.of("local scrubbing"), seen, "only the type asked for, once");
    }

    private StowageRoutes start(DefaultCamelContext camel, RoutingSettings settings) throws Exception {
        return StowageRoutes.start(camel, settings, new StowageRoutes.Parts(devices, new SelectorRegistry(), speeds,
                posted::add, new RecordingBackupService(), new Unavailable(), new Unavailable(), new Unavailable(),
                new RecordingRetentionService(), new RecordingCopyService(), () -> Optional.of(staging),
                new StowageEvents(Clock.systemUTC()), Clock.systemUTC(), Optional::empty));
    }

    @Test
    void aDeviceThatTurnsIdleAfterBusyIsDrainedWhenBlobsWaitForIt() throws Exception {
        FaultyDevice tape = FaultyDevice.wrap(new MemoryDevice("tape")).build();
        FaultyDevice disk = FaultyDevice.wrap(new MemoryDevice("disk")).build();
        devices.add(tape, 1);
        devices.add(disk, 1);
        staging.waiting("tape", 3);
        tape.setBusy("rewinding");
        disk.setBusy("scrubbing");
        DefaultCamelContext camel = new DefaultCamelContext();
        routes = start(camel, new RoutingSettings(100, 0, 0, 65_536));
        List<String> drainedEvents = new CopyOnWriteArrayList<>();
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("stowage:events?types=STAGING_DRAINED").routeId("drain-listener")
                        .process(e -> drainedEvents.add(e.getMessage().getHeader("StowageDeviceId", String.class)));
            }
        });
        await().atMost(TIMEOUT).until(() -> posted.size() == 2);

        tape.clearBusy();
        disk.clearBusy();
        await("the drain of the tape, the one device that has blobs waiting").atMost(TIMEOUT)
                .until(() -> !staging.drained().isEmpty());
        await().atMost(TIMEOUT).until(() -> posted.size() == 4);
        assertEquals(List.of("tape"), staging.drained(), "no drain of the disk, for which nothing waits");
        await("the drain as a STAGING_DRAINED event").atMost(TIMEOUT)
                .until(() -> drainedEvents.equals(List.of("tape")));
    }
}
