package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;

/**
 * The tape family hot-deployed into a running Stowage: feature:install, a virtual library configured through
 * ConfigAdmin, the device in the shell with its cartridges, a blob that survives uninstalling and reinstalling the
 * driver, and the device gone while the feature is uninstalled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TapeDeviceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String FILTER = "(device.id=vault)";

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    SessionFactory sessionFactory;

    /** Not the feature:* commands: the shell session here has no admin role, which their ACL requires. */
    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return StowageKaraf.withAwaitility();
    }

    @Test
    public void tapeFeatureInstallsConfiguresShowsCartridgesKeepsDataAndUninstalls() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        features.installFeature("stowage-device-tape");
        Path library = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest", "tape-library"));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("device.id", "vault");
        properties.put("path", library.toString());
        properties.put("create", true);
        properties.put("slots", 3);
        properties.put("cartridge.capacity", "64m");
        configAdmin.createFactoryConfiguration("org.stowage.device.tape", "?").update(properties);

        Device device = await().atMost(TIMEOUT).until(this::vault, Optional::isPresent).get();
        byte[] content = "kept on tape across a driver reinstall".getBytes();
        BlobName name = BlobName.of(BlobType.DATA, "itest-blob");
        device.put(name, ByteBuffer.wrap(content));

        String devices = shell.run("stowage:devices");
        assertTrue(devices, devices.contains("vault") && devices.contains("TAPE"));
        String detail = shell.run("stowage:device vault");
        assertTrue(detail, detail.contains("Cartridges") && detail.contains("L00001") && detail.contains("filling"));
        assertTrue(detail, detail.contains("Drive") && detail.contains("Locates") && detail.contains("L00003"));

        features.uninstallFeature("stowage-device-tape");
        await().atMost(TIMEOUT).until(() -> vault().isEmpty());
        String without = shell.run("stowage:devices");
        assertTrue(without, !without.contains("vault"));

        features.installFeature("stowage-device-tape");
        Device again = await().atMost(TIMEOUT).until(this::vault, Optional::isPresent).get();
        ByteBuffer read = again.get(name, ByteRange.ALL);
        byte[] bytes = new byte[read.remaining()];
        read.get(bytes);
        assertArrayEquals(content, bytes);
    }

    private Optional<Device> vault() throws InvalidSyntaxException {
        Collection<ServiceReference<Device>> refs = bundleContext.getServiceReferences(Device.class, FILTER);
        return refs.stream().findFirst().map(bundleContext::getService);
    }
}
