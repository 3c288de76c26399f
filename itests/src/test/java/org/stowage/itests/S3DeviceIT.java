package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
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
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;

/**
 * The S3 device family in Karaf: hot-deployed with {@code feature:install stowage-device-s3} into the booted
 * assembly, a device created through ConfigAdmin against a real S3 server (S3Proxy in the driver JVM), blobs put and
 * read through the OSGi service, the shell's device commands, and uninstall / reinstall of the feature: the device
 * goes away and comes back with its blob, without restarting Karaf.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class S3DeviceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String FILTER = "(&(device.family=s3)(device.id=s3it))";

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() throws Exception {
        return StowageKaraf.withAwaitility(
                systemProperty("stowage.itest.s3.endpoint").value(S3ProxyHolder.start("itest")),
                systemProperty("stowage.itest.s3.access").value(S3ProxyHolder.ACCESS_KEY),
                systemProperty("stowage.itest.s3.secret").value(S3ProxyHolder.SECRET_KEY));
    }

    @Test
    public void hotDeployedS3DeviceStoresBlobsAndSurvivesUninstallAndReinstall() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        asAdmin(shell, "feature:install stowage-device-s3");
        String secret = System.getProperty("stowage.itest.s3.secret");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("device.id", "s3it");
        props.put("bucket", "itest");
        props.put("prefix", "karaf");
        props.put("endpoint", System.getProperty("stowage.itest.s3.endpoint"));
        props.put("path.style", "true");
        props.put("access.key", System.getProperty("stowage.itest.s3.access"));
        props.put("secret.key", secret);
        configAdmin.getFactoryConfiguration("org.stowage.device.s3", "s3it", "?").update(props);

        Device device = awaitDevice();
        BlobName name = BlobName.of(BlobType.DATA, "karaf-blob");
        byte[] content = "stored through camel-aws2-s3 inside Karaf".getBytes(StandardCharsets.UTF_8);
        device.put(name, ByteBuffer.wrap(content));
        assertArrayEquals(content, bytes(device.get(name, ByteRange.ALL)));
        List<BlobName> listed = new ArrayList<>();
        device.list(BlobType.DATA, info -> listed.add(info.name()));
        assertEquals(List.of(name), listed);

        String devices = shell.run("stowage:devices");
        assertTrue(devices, devices.contains("s3it") && devices.contains("s3"));
        String probe = shell.run("stowage:probe s3it");
        assertTrue(probe, probe.contains("s3it"));
        String detail = shell.run("stowage:device s3it");
        assertTrue(detail, detail.contains("itest"));
        assertFalse("the secret key is shown: " + detail, detail.contains(secret));
        assertEquals(Optional.empty(), device.stat(BlobName.of(BlobType.DATA, "never")));

        asAdmin(shell, "feature:uninstall stowage-device-s3");
        await().atMost(TIMEOUT).until(() -> references().isEmpty());

        asAdmin(shell, "feature:install stowage-device-s3");
        Device again = awaitDevice();
        assertArrayEquals("the blob did not survive uninstall and reinstall", content,
                bytes(again.get(name, ByteRange.ALL)));
    }

    /**
     * Runs a command as an operator with the admin role: Karaf's command ACLs (etc/org.apache.karaf.command.acl.*)
     * let only admins install features, and a session without a subject sees such commands as "not found".
     */
    private static String asAdmin(KarafShell shell, String command) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        return Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> shell.run(command));
    }

    /**
     * The s3it device once it is IDLE. A feature install may refresh the driver bundle, so a reference can go away
     * between listing and getting it (getService then returns null): such a look simply did not find the device yet.
     */
    private Device awaitDevice() throws Exception {
        AtomicReference<Device> found = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            for (ServiceReference<Device> reference : references()) {
                Device device = bundleContext.getService(reference);
                if (device != null && device.status().state() == DeviceState.IDLE) {
                    found.set(device);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private Collection<ServiceReference<Device>> references() throws Exception {
        return bundleContext.getServiceReferences(Device.class, FILTER);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
