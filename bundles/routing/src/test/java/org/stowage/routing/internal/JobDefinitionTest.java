package org.stowage.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.PlacementOverride;

class JobDefinitionTest {

    private static final String PID = "org.stowage.job~nightly";

    @Test
    void parsesAValidConfiguration() {
        JobDefinition job = JobDefinition.parse(PID, " nightly ", "/srv/data, /etc ", "0 0 2 * * ?", "a, b,",
                "last=7,daily=14", true, false);

        assertEquals("nightly", job.name());
        assertEquals(List.of(Path.of("/srv/data"), Path.of("/etc")), job.paths());
        assertEquals("0 0 2 * * ?", job.schedule());
        assertEquals(Set.of("a", "b"), job.tags());
        assertEquals(Set.of("a", "b", "job:nightly"), job.snapshotTags());
        assertEquals("last=7,daily=14", job.retention().orElseThrow().toString());
        assertTrue(job.prune());
        assertFalse(job.enabled());
    }

    @Test
    void emptyRetentionMeansNone() {
        JobDefinition job = JobDefinition.parse(PID, "n", "/a", "* * * * * ?", "", " ", false, true);
        assertTrue(job.retention().isEmpty());
        assertEquals(Set.of("job:n"), job.snapshotTags());
    }

    @Test
    void invalidCronNamesPidKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "n", "/a", "0 0 25 * * ?", "", "", false, true));
        assertMessage(e, "'schedule'", "0 0 25 * * ?", "cron");
    }

    @Test
    void fiveFieldUnixCronIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "n", "/a", "0 2 * * *", "", "", false, true));
        assertMessage(e, "'schedule'", "0 2 * * *", "seconds minutes hours");
    }

    @Test
    void relativeOrMissingPathsAreRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "n", "/a,data", "* * * * * ?", "", "", false, true)),
                "'paths'", "'data'", "absolute");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "n", " , ", "* * * * * ?", "", "", false, true)),
                "'paths'", "at least one");
    }

    @Test
    void badNameIsRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "night ly", "/a", "* * * * * ?", "", "", false, true)),
                "'name'", "night ly");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, null, "/a", "* * * * * ?", "", "", false, true)),
                "'name'");
    }

    @Test
    void badRetentionIsRefusedWithThePolicyParsersHint() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "n", "/a", "* * * * * ?", "", "keep=3", false, true)),
                "'retention'", "keep=3", "last");
    }

    @Test
    void pruneWithoutRetentionIsRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parse(PID, "n", "/a", "* * * * * ?", "", "", true, true)),
                "'prune'", "retention");
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        assertTrue(e.getMessage().contains(PID), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void aJobMayNarrowTheDevicesAndChooseSelectorAndCopies() {
        PlacementOverride placement = JobDefinition.parsePlacement(PID, " flash1, vault ,", "copies", 2);
        assertEquals(new PlacementOverride(List.of("flash1", "vault"), "copies", 2), placement);
        assertTrue(JobDefinition.parsePlacement(PID, "", " ", 0).isRepositorys());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.parsePlacement(PID, "Flash 1", "", 0));
        assertTrue(bad.getMessage().contains("'devices'") && bad.getMessage().contains(PID), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobDefinition.parsePlacement(PID, "", "", -1));
    }

    @Test
    void aMoveNeedsDevicesToMoveTo() {
        JobDefinition job = JobDefinition.parse(PID, "n", "/a", "* * * * * ?", "", "", false, true);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> job.withCopy(new JobDefinition.CopyStep(List.of(), true)));
        assertTrue(refused.getMessage().contains("copy.to"), refused.getMessage());
        assertEquals(List.of("vault"), JobDefinition.deviceIds(PID, "copy.to", " vault ,").stream().toList());
    }
}
