package org.stowage.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JobComponentTest {

    @Test
    void messagesNameThePidAndTheFileItCameFrom() {
        assertEquals("org.stowage.job.a1 (file:/opt/karaf/etc/org.stowage.job-nightly.cfg)",
                JobComponent.where(Map.of("service.pid", "org.stowage.job.a1",
                        "felix.fileinstall.filename", "file:/opt/karaf/etc/org.stowage.job-nightly.cfg")));
        assertEquals("org.stowage.job.a1", JobComponent.where(Map.of("service.pid", "org.stowage.job.a1")));
    }
}
