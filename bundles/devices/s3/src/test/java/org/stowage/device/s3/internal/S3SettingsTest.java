package org.stowage.device.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceKind;

class S3SettingsTest {

    private static final String PID = "org.stowage.device.s3-test";

    @Test
    void defaults() {
        TestConfig config = new TestConfig();
        config.endpoint = "";
        config.retryBaseDelay = 200;
        S3Settings settings = config.settings();
        assertEquals("s3-test", settings.descriptor().id());
        assertEquals("s3", settings.descriptor().family());
        assertEquals(DeviceKind.OBJECT, settings.descriptor().kind());
        assertEquals(AccessType.RANDOM, settings.descriptor().access());
        assertNull(settings.endpoint());
        assertEquals("https://s3.us-east-1.amazonaws.com", settings.endpointName());
        assertEquals(64L << 20, settings.multipartThreshold());
        assertEquals(16L << 20, settings.partSize());
        assertEquals(Duration.ofMillis(200), settings.retryBaseDelay());
        assertFalse(settings.createBucket());
    }

    @Test
    void prefixLosesItsOuterSlashes() {
        TestConfig config = new TestConfig();
        config.prefix = "/stowage/host1/";
        assertEquals("stowage/host1", config.settings().prefix());
    }

    @Test
    void everyProblemNamesThePidAndTheKey() {
        assertInvalid("device.id", c -> c.deviceId = "");
        assertInvalid("device.id", c -> c.deviceId = "Bad Id");
        assertInvalid("device.kind", c -> c.kind = "DISK");
        assertInvalid("device.access", c -> c.access = "SEQUENTIAL");
        assertInvalid("bucket", c -> c.bucket = "");
        assertInvalid("bucket", c -> c.bucket = "Has_Upper");
        assertInvalid("prefix", c -> c.prefix = "a//b");
        assertInvalid("region", c -> c.region = "EU Central");
        assertInvalid("endpoint", c -> c.endpoint = "ftp://host");
        assertInvalid("endpoint", c -> c.endpoint = "http://user:pw@host:9000");
        assertInvalid("secret.key", c -> c.secretKey = "");
        assertInvalid("access.key", c -> c.accessKey = "");
        assertInvalid("storage.class", c -> c.storageClass = "GLACIER");
        assertInvalid("part.size", c -> c.partSize = "1m");
        assertInvalid("multipart.threshold", c -> c.multipartThreshold = "lots");
        assertInvalid("max.in.flight", c -> c.maxInFlight = 0);
        assertInvalid("retry.attempts", c -> c.retryAttempts = 0);
        assertInvalid("capacity", c -> c.capacity = "-1");
        assertInvalid("busy.windows", c -> c.busyWindows = "1am-3am");
    }

    @Test
    void theSecretIsNeitherInTheTextNorInMessages() {
        TestConfig config = new TestConfig();
        config.secretKey = "very-SECRET-value";
        assertFalse(config.settings().toString().contains("very-SECRET-value"), config.settings().toString());
        assertEquals("******", config.settings().secretKey().toString());
        config.bucket = "BAD";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::settings);
        assertFalse(e.getMessage().contains("very-SECRET-value"), e.getMessage());
    }

    @Test
    void theSecretKeyIsReadFromTheFirstLineOfSecretKeyFile(@TempDir Path dir) throws IOException {
        Path file = ownerOnly(dir.resolve("offsite.secret"), "from-the-FILE\nsecond line\n");
        TestConfig config = new TestConfig();
        config.secretKey = "";
        config.secretKeyFile = file.toString();
        assertEquals("from-the-FILE", config.settings().secretKey().reveal());
    }

    @Test
    void secretKeyFileProblemsNameTheKeyAndTheFileButNeverTheSecret(@TempDir Path dir) throws IOException {
        Path file = ownerOnly(dir.resolve("offsite.secret"), "file-SECRET\n");
        assertSecretKeyFileInvalid("set together with 'secret.key'", c -> c.secretKeyFile = file.toString());
        assertSecretKeyFileInvalid("not an absolute path", c -> {
            c.secretKey = "";
            c.secretKeyFile = "offsite.secret";
        });
        Path missing = dir.resolve("missing.secret");
        String message = assertSecretKeyFileInvalid("cannot be read", c -> {
            c.secretKey = "";
            c.secretKeyFile = missing.toString();
        });
        assertTrue(message.contains(missing.toString()), message);
        Path empty = ownerOnly(dir.resolve("empty.secret"), "\nfile-SECRET\n");
        message = assertSecretKeyFileInvalid("first line is empty", c -> {
            c.secretKey = "";
            c.secretKeyFile = empty.toString();
        });
        assertFalse(message.contains("file-SECRET"), message);
    }

    @Test
    void aSecretKeyFileWithoutAnAccessKeyIsRefused(@TempDir Path dir) throws IOException {
        Path file = ownerOnly(dir.resolve("offsite.secret"), "file-SECRET\n");
        TestConfig config = new TestConfig();
        config.accessKey = "";
        config.secretKey = "";
        config.secretKeyFile = file.toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::settings);
        assertTrue(e.getMessage().startsWith(PID + ": key 'access.key' is missing"), e.getMessage());
        assertFalse(e.getMessage().contains("file-SECRET"), e.getMessage());
    }

    @Test
    void storageClassIsNormalised() {
        TestConfig config = new TestConfig();
        config.storageClass = "standard_ia";
        assertEquals("STANDARD_IA", config.settings().storageClass());
    }

    private static String assertSecretKeyFileInvalid(String problem, Consumer<TestConfig> change) {
        TestConfig config = new TestConfig();
        change.accept(config);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::settings, problem);
        assertTrue(e.getMessage().startsWith(PID + ": key 'secret.key.file' "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains(S3Server.SECRET_KEY), e.getMessage());
        return e.getMessage();
    }

    private static Path ownerOnly(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    private static void assertInvalid(String key, Consumer<TestConfig> change) {
        TestConfig config = new TestConfig();
        change.accept(config);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3Settings.validate(PID, config), key);
        assertTrue(e.getMessage().startsWith(PID + ": key '" + key + "'"), e.getMessage());
    }
}
