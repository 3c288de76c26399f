package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    private static final String PID = "org.stowage.device.s3";
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
                systemProperty("stowage.itest.s3.access").value(S3ProxyHolder.ACCESS_KEY));
    }

    @Test
    public void hotDeployedS3DeviceStoresBlobsAndSurvivesUninstallAndReinstall() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        asAdmin(shell, "feature:install stowage-device-s3");
        String secret = S3ProxyHolder.SECRET_KEY;
        Hashtable<String, Object> props = deviceConfig("s3it", "karaf");
        props.put("secret.key", secret);
        configAdmin.getFactoryConfiguration(PID, "s3it", "?").update(props);

        Device device = awaitDevice(FILTER);
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
        await().atMost(TIMEOUT).until(() -> references(FILTER).isEmpty());

        asAdmin(shell, "feature:install stowage-device-s3");
        Device again = awaitDevice(FILTER);
        assertArrayEquals("the blob did not survive uninstall and reinstall", content,
                bytes(again.get(name, ByteRange.ALL)));
    }

    /**
     * The secret key of an S3 device reaches nothing Stowage publishes or prints: not the properties of any OSGi
     * service (which every bundle, {@code service:list} and the OSGi JMX MBeans read), not karaf.log, not the
     * shell's device commands. Two devices: one reads the key from an owner-only {@code secret.key.file}; its
     * configuration holds no secret, so the key is nowhere at all, {@code config:list} and every readable JMX
     * attribute included. The other has it in {@code secret.key} (kept for existing configurations), another
     * (wrong) key so that the two are told apart: it stays in the configuration, which Karaf's own configuration
     * views show to administrators (config:list, and JMX under org.apache.karaf), and nowhere else.
     */
    @Test
    public void theSecretKeyIsNeitherPublishedNorLoggedNorShown() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        asAdmin(shell, "feature:install stowage-device-s3");
        // a compile-time constant: the probe gets the value without loading the driver-side class (nor a system
        // property, which the JVM's Runtime MBean would show)
        String fileSecret = S3ProxyHolder.SECRET_KEY;
        String plainSecret = "plain-SECRET-" + UUID.randomUUID();
        Path secretFile = Files.createDirectories(Path.of(System.getProperty("karaf.etc"), "stowage"))
                .resolve("s3file.secret");
        Files.deleteIfExists(secretFile);
        Files.createFile(secretFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, fileSecret + "\n");
        Hashtable<String, Object> fromFile = deviceConfig("s3file", "file");
        fromFile.put("secret.key.file", secretFile.toString());
        org.osgi.service.cm.Configuration fileConfig = configAdmin.getFactoryConfiguration(PID, "s3file", "?");
        fileConfig.update(fromFile);
        Hashtable<String, Object> plain = deviceConfig("s3plain", "plain");
        plain.put("secret.key", plainSecret);
        org.osgi.service.cm.Configuration plainConfig = configAdmin.getFactoryConfiguration(PID, "s3plain", "?");
        plainConfig.update(plain);
        try {
            await().atMost(TIMEOUT).until(() -> !references("(device.id=s3plain)").isEmpty());
            assertEquals("services whose properties hold secret.key", List.of(),
                    Leaks.inServiceProperties(bundleContext, plainSecret));
            awaitDevice("(device.id=s3file)"); // IDLE: S3 accepted the key read from the file
            for (String secret : List.of(fileSecret, plainSecret)) {
                assertEquals("services whose properties hold a secret key", List.of(),
                        Leaks.inServiceProperties(bundleContext, secret));
            }
            for (String command : List.of("stowage:devices", "stowage:devices --json", "stowage:device s3plain",
                    "stowage:device s3file", "service:list", "config:list \"(device.id=s3file)\"")) {
                String output = asAdmin(shell, command);
                assertTrue("`" + command + "` printed nothing", !output.isBlank());
                for (String secret : List.of(fileSecret, plainSecret)) {
                    assertFalse("`" + command + "` shows a secret key:\n" + output, output.contains(secret));
                }
            }
            assertEquals("readable JMX attributes that hold the key of secret.key.file", List.of(),
                    Leaks.inMBeanAttributes(bundleContext, fileSecret));
            assertEquals("readable JMX attributes outside Karaf's configuration views that hold secret.key",
                    List.of(), Leaks.inMBeanAttributes(bundleContext, plainSecret).stream()
                            .filter(leak -> !leak.startsWith("org.apache.karaf:")).toList());
            String log = Files.readString(Path.of(System.getProperty("karaf.log"), "karaf.log"));
            assertFalse("karaf.log holds the key of secret.key.file", log.contains(fileSecret));
            assertFalse("karaf.log holds secret.key", log.contains(plainSecret));
        } finally {
            plainConfig.delete();
            fileConfig.delete();
            await().atMost(TIMEOUT).until(() -> references("(|(device.id=s3plain)(device.id=s3file))").isEmpty());
            Files.delete(secretFile);
        }
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

    /** An S3 device on the test server's bucket, without its secret key. */
    private static Hashtable<String, Object> deviceConfig(String id, String prefix) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("device.id", id);
        props.put("bucket", "itest");
        props.put("prefix", prefix);
        props.put("endpoint", System.getProperty("stowage.itest.s3.endpoint"));
        props.put("path.style", "true");
        props.put("access.key", System.getProperty("stowage.itest.s3.access"));
        return props;
    }

    /**
     * The device once it is IDLE, which it only becomes after S3 accepted its credentials (it lists its prefix). A
     * feature install may refresh the driver bundle, so a reference can go away between listing and getting it
     * (getService then returns null): such a look simply did not find the device yet.
     */
    private Device awaitDevice(String filter) throws Exception {
        AtomicReference<Device> found = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            for (ServiceReference<Device> reference : references(filter)) {
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

    private Collection<ServiceReference<Device>> references(String filter) throws Exception {
        return bundleContext.getServiceReferences(Device.class, filter);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
