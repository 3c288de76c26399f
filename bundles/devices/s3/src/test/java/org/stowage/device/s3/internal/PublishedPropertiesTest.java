package org.stowage.device.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PublishedPropertiesTest {

    @Test
    void everythingButTheSecretKeyAndPrivateKeysIsPublished() {
        Map<String, Object> component = Map.of(
                "device.id", "offsite", "device.family", "s3", "bucket", "backups", "site", "eu",
                "service.pid", "org.stowage.device.s3.1234", "component.name", "org.stowage.device.s3",
                "secret.key", "a-SECRET", "secret.key.file", "/etc/stowage/offsite.secret", ".private", "x");
        assertEquals(Map.of("device.id", "offsite", "device.family", "s3", "bucket", "backups", "site", "eu",
                "service.pid", "org.stowage.device.s3.1234", "component.name", "org.stowage.device.s3",
                "secret.key.file", "/etc/stowage/offsite.secret"), PublishedProperties.of(component));
    }
}
