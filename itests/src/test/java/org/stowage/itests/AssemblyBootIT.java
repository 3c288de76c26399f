package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

/**
 * Smoke test of the distribution: the assembly boots, feature {@code stowage} is installed with every bundle active,
 * its default configuration produces the local disk device, the built-in selectors are registered, and the engine
 * places packs through the Camel placement routes, which also publish device states as OSGi events.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AssemblyBootIT {

    private static final long DEVICE_TIMEOUT_MS = 60_000;
    private static final Duration REHEARSAL_TIMEOUT = Duration.ofMinutes(3);

    /** Karaf has installed its boot features (including stowage); shell commands are registered. */
    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    FeaturesService featuresService;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        // the default warm-up compiles only the crypto path; the rehearsal is asked for, so that its test runs it
        return StowageKaraf.withAwaitility(editConfigurationFilePut("etc/org.stowage.repository.cfg", "warmup",
                "rehearsal"));
    }

    @Test
    public void stowageFeatureIsInstalled() throws Exception {
        Feature stowage = featuresService.getFeature("stowage");
        assertNotNull("feature stowage is not known to Karaf: is the stowage-features repository registered?", stowage);
        assertTrue("feature stowage is not installed", featuresService.isInstalled(stowage));
        String listed = new KarafShell(sessionFactory).run("feature:list -i");
        assertTrue("`feature:list -i` does not list stowage:\n" + listed, listed.contains("stowage "));
    }

    @Test
    public void everyStowageBundleIsActive() throws Exception {
        // Every bundle the stowage* features declare from org.stowage must be installed...
        List<String> locations = new ArrayList<>();
        for (Feature feature : featuresService.listInstalledFeatures()) {
            if (feature.getName().startsWith("stowage")) {
                for (BundleInfo info : feature.getBundles()) {
                    if (info.getLocation().startsWith("mvn:org.stowage/")) {
                        locations.add(info.getLocation());
                    }
                }
            }
        }
        assertFalse("the installed stowage features declare no org.stowage bundle", locations.isEmpty());
        for (String location : locations) {
            assertNotNull("bundle " + location + " of feature stowage is not installed", bundleContext.getBundle(location));
        }
        // ...and every org.stowage.* bundle in the container must be ACTIVE.
        Map<String, String> notActive = new TreeMap<>();
        int stowageBundles = 0;
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("org.stowage.")) {
                stowageBundles++;
                if (bundle.getState() != Bundle.ACTIVE) {
                    notActive.put(bundle.getSymbolicName(), stateName(bundle.getState()));
                }
            }
        }
        assertEquals("org.stowage.* bundles not ACTIVE (see data/log/karaf.log; -Dstowage.itest.keepRuntime=true keeps it)",
                Map.of(), notActive);
        assertTrue("expected at least " + locations.size() + " org.stowage.* bundles, found " + stowageBundles,
                stowageBundles >= locations.size());
    }

    @Test
    public void defaultDiskDeviceIsRegistered() throws Exception {
        Bundle disk = installedBundle("stowage-device-disk", "mvn:org.stowage/stowage-device-disk/");
        assertNotNull("the disk device bundle of feature stowage-device-disk is not installed", disk);
        String filter = "(&(objectClass=" + Device.class.getName() + ")(" + Device.PROP_ID + "=local))";
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<Device, Device> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        try {
            Device device = tracker.waitForService(DEVICE_TIMEOUT_MS);
            assertNotNull("no Device service " + filter + " within " + DEVICE_TIMEOUT_MS + " ms: the default "
                    + "configuration etc/org.stowage.device.disk-local.cfg did not produce the local disk device", device);
            assertEquals("DISK", String.valueOf(tracker.getServiceReference().getProperty(Device.PROP_KIND)));
        } finally {
            tracker.close();
        }
    }

    @Test
    public void builtInSelectorsAreRegisteredByNameAndSelect() throws Exception {
        // feature stowage-selectors: one NodeSelector service per built-in selector, found by selector.name; each
        // activates without a configuration and answers with the one candidate it is offered
        Set<String> names = Set.of("striped", "fastest", "copies", "sequential-affinity");
        await("NodeSelector services named " + names).atMost(Duration.ofMillis(DEVICE_TIMEOUT_MS))
                .until(() -> selectors().keySet().containsAll(names));
        Candidate local = new Candidate(new DeviceDescriptor("local", "disk", DeviceKind.DISK, AccessType.RANDOM, 0),
                new DeviceStatus(DeviceState.IDLE, "", 0, 0, 0, -1), List.of(), 1);
        Map<String, ServiceReference<NodeSelector>> selectors = selectors();
        for (String name : names) {
            NodeSelector selector = bundleContext.getService(selectors.get(name));
            try {
                assertEquals("selector " + name, List.of("local"),
                        selector.select(new PlacementRequest("itest", 1024, 1), List.of(local)));
            } finally {
                bundleContext.ungetService(selectors.get(name));
            }
        }
    }

    @Test
    public void theEnginePlacesPacksThroughTheCamelRoutesAndAShellBackupWorks() throws Exception {
        // stowage-routing registers the placement routes as PackPlacement; the engine's repository component binds
        // it and fetches the service at its first placement, so after a backup the engine is among its users
        ServiceTracker<PackPlacement, PackPlacement> placements = new ServiceTracker<>(bundleContext,
                PackPlacement.class, null);
        placements.open();
        try {
            assertNotNull("no PackPlacement service within " + DEVICE_TIMEOUT_MS + " ms: stowage-routing's "
                    + "RoutingComponent is not active (see karaf.log)", placements.waitForService(DEVICE_TIMEOUT_MS));
            ServiceReference<PackPlacement> reference = placements.getServiceReference();
            assertEquals("org.stowage.routing", reference.getBundle().getSymbolicName());

            Path source = SourceTrees.create(Path.of(System.getProperty("karaf.data"), "itest", "routes", "source"),
                    1);
            String backup = new KarafShell(sessionFactory).run("stowage:backup --tag through-routes " + source);
            assertTrue(backup, backup.matches("(?s).*Snapshot \\w{8} saved\\R.*"));
            assertTrue("the backup's packs were not placed through the routes: the engine does not use the "
                    + "PackPlacement service", usedBy(reference, "org.stowage.engine"));
        } finally {
            placements.close();
        }
    }

    @Test
    public void placementRoutesWriteToAnyDeviceServiceAndPublishItsState() throws Exception {
        // a device of the test's own: the routes track every Device service, record its write speeds and post its
        // first state as an OSGi event
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> handlerProperties = new Hashtable<>();
        handlerProperties.put(EventConstants.EVENT_TOPIC, "org/stowage/device/STATE_CHANGED");
        handlerProperties.put(EventConstants.EVENT_FILTER, "(device.id=itest-mem)");
        ServiceRegistration<EventHandler> handler = bundleContext.registerService(EventHandler.class, events::add,
                handlerProperties);
        Map<BlobName, ByteBuffer> stored = new ConcurrentHashMap<>();
        Dictionary<String, Object> deviceProperties = new Hashtable<>();
        deviceProperties.put(Device.PROP_ID, "itest-mem");
        ServiceRegistration<Device> device = bundleContext.registerService(Device.class, new MapDevice("itest-mem",
                stored), deviceProperties);
        try {
            PackPlacement placement = Services.await(bundleContext, PackPlacement.class,
                    Duration.ofMillis(DEVICE_TIMEOUT_MS));
            BlobName name = BlobName.of(BlobType.DATA, "itest-pack");
            ByteBuffer pack = ByteBuffer.allocateDirect(1024 * 1024);
            List<String> durable = placement.place(new PackPlacement.PlacementRequest(name, "itest",
                    List.of("itest-mem"), "", 1, false), pack);

            assertEquals(List.of("itest-mem"), durable);
            assertEquals(1024 * 1024, stored.get(name).remaining());
            DeviceSpeeds speeds = Services.await(bundleContext, DeviceSpeeds.class, Duration.ofSeconds(5));
            assertEquals("the write's speed is recorded", 1, speeds.recent("itest-mem").size());
            await("an EventAdmin event with the new device's state").atMost(Duration.ofSeconds(30))
                    .until(() -> !events.isEmpty());
            assertEquals("IDLE", events.get(0).getProperty("state"));
            assertEquals("UNKNOWN", events.get(0).getProperty("previous.state"));
        } finally {
            device.unregister();
            handler.unregister();
        }
    }

    @Test
    public void installingStowageRefreshesNoneOfKarafsBundles() throws Exception {
        // Karaf's features boot in two stages (karaf-assembly/pom.xml). The second, Stowage's, must not rewire what
        // the first started: a refresh there restarts SCR with every component, and restarts the features service,
        // which then cannot place a bundle installed meanwhile (Pax Exam's probe, an operator's) in any region.
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("karaf.log"), "karaf.log"));
        int stage = 0;
        while (stage < lines.size() && !isStowageStage(lines.get(stage))) {
            stage++;
        }
        assertTrue("karaf.log does not show the boot stage that installs stowage", stage < lines.size());
        List<String> deployment = new ArrayList<>();
        for (String line : lines.subList(stage, lines.size())) {
            deployment.add(line);
            if (line.contains("FeaturesServiceImpl") && line.endsWith("| Done.")) {
                break;
            }
        }
        assertTrue("karaf.log does not show the end of the stowage stage", deployment.get(deployment.size() - 1)
                .endsWith("| Done."));
        for (int i = 0; i < deployment.size(); i++) {
            if (deployment.get(i).contains("Stopping bundles:") || deployment.get(i).contains("Refreshing bundles:")) {
                fail("installing stowage restarted bundles that were already running:\n"
                        + String.join("\n", deployment.subList(i, Math.min(i + 12, deployment.size()))));
            }
        }
    }

    @Test
    public void startUpRehearsalBacksUpRestoresWithReadBackAndChecksThenLeavesNothing() throws Exception {
        // with warmup = rehearsal the repository component rehearses backup and restore below data/tmp when it starts;
        // each round fails unless every file is restored and read back equal, and the check finds nothing
        // (RehearsalTest): the log line is written only after the rounds passed
        Path log = Path.of(System.getProperty("karaf.log"), "karaf.log");
        await("karaf.log saying that the start-up rehearsal finished").atMost(REHEARSAL_TIMEOUT)
                .until(() -> Files.readString(log).contains("start-up rehearsal done: "));
        String content = Files.readString(log);
        assertFalse("the start-up rehearsal reported a problem (see karaf.log)", content.contains("rehearsal of backup"));
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("karaf.data"), "tmp"))) {
            assertEquals("the rehearsal left its scratch directory behind", List.of(),
                    left.filter(p -> p.getFileName().toString().startsWith("stowage-warmup-")).toList());
        }
    }

    private static boolean usedBy(ServiceReference<?> reference, String symbolicName) {
        Bundle[] users = reference.getUsingBundles();
        return users != null && Stream.of(users).anyMatch(b -> symbolicName.equals(b.getSymbolicName()));
    }

    /** A device that keeps blobs in a map: enough for a placement, everything else unsupported. */
    private record MapDevice(String id, Map<BlobName, ByteBuffer> blobs) implements Device {

        @Override
        public DeviceDescriptor descriptor() {
            return new DeviceDescriptor(id, "itest", DeviceKind.DISK, AccessType.RANDOM, 0);
        }

        @Override
        public DeviceStatus status() {
            return new DeviceStatus(DeviceState.IDLE, "", 0, 0, 0, -1);
        }

        @Override
        public void put(BlobName name, ByteBuffer content) {
            blobs.put(name, content.duplicate());
        }

        @Override
        public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
            throw new IOException("not supported by the itest device");
        }

        @Override
        public Optional<BlobInfo> stat(BlobName name) {
            return Optional.empty();
        }

        @Override
        public void list(BlobType type, Consumer<BlobInfo> visitor) {
        }

        @Override
        public void delete(BlobName name) {
            blobs.remove(name);
        }

        @Override
        public ProbeResult probe(int bytes) {
            return new ProbeResult(id, bytes, java.time.Duration.ofMillis(1));
        }
    }

    private static boolean isStowageStage(String logLine) {
        return logLine.contains("Adding features: ") && logLine.contains("stowage/[");
    }

    private Map<String, ServiceReference<NodeSelector>> selectors() throws Exception {
        Map<String, ServiceReference<NodeSelector>> byName = new TreeMap<>();
        for (ServiceReference<NodeSelector> reference : bundleContext.getServiceReferences(NodeSelector.class, null)) {
            byName.put(String.valueOf(reference.getProperty(NodeSelector.PROP_NAME)), reference);
        }
        return byName;
    }

    private Bundle installedBundle(String featureName, String locationPrefix) throws Exception {
        Feature feature = featuresService.getFeature(featureName);
        assertNotNull("feature " + featureName + " is unknown", feature);
        for (BundleInfo info : feature.getBundles()) {
            if (info.getLocation().startsWith(locationPrefix)) {
                return bundleContext.getBundle(info.getLocation());
            }
        }
        return null;
    }

    private static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            default: return "state " + state;
        }
    }
}
