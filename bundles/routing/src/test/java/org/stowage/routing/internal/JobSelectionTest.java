package org.stowage.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.BackupSelection;

/** A job's selection keys become the BackupSelection of its runs; bad values name the PID and the key. */
class JobSelectionTest {

    private static final String PID = "org.stowage.job~nightly";

    @Test
    void everySelectionKeyReachesTheJobsBackupSelection() {
        JobDefinition job = JobDefinition.fromConfig(PID, config(Map.of(
                "exclude", "*.tmp, /home/*/.cache/, !keep.tmp",
                "iexclude", "*.JPG",
                "exclude_file", "/etc/stowage/excludes",
                "exclude_caches", true,
                "exclude_if_present", ".nobackup, .nostowage",
                "exclude_larger_than", "2g",
                "one_file_system", true,
                "files_from", "/etc/stowage/list")));
        assertEquals(new BackupSelection(List.of("*.tmp", "/home/*/.cache/", "!keep.tmp"), List.of("*.JPG"),
                List.of(Path.of("/etc/stowage/excludes")), true, List.of(".nobackup", ".nostowage"), 2L << 30, true,
                Path.of("/etc/stowage/list")), job.selection());
        assertEquals(List.of(Path.of("/srv/data")), job.paths());
    }

    @Test
    void withoutSelectionKeysTheJobBacksUpEverything() {
        assertEquals(BackupSelection.EVERYTHING, JobDefinition.fromConfig(PID, config(Map.of())).selection());
    }

    @Test
    void pathsMayBeEmptyOnlyWhenAFileListsThem() {
        JobDefinition job = JobDefinition.fromConfig(PID, config(Map.of("paths", "", "files_from", "/etc/list")));
        assertEquals(List.of(), job.paths());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.fromConfig(PID, config(Map.of("paths", ""))));
        assertTrue(e.getMessage().contains("key 'paths'") && e.getMessage().contains("files.from"), e.getMessage());
    }

    @Test
    void badValuesNameThePidAndTheKey() {
        assertInvalid(Map.of("exclude_larger_than", "2 GB"), "exclude.larger.than", "is not a size");
        assertInvalid(Map.of("exclude_file", "excludes.txt"), "exclude.file", "absolute");
        assertInvalid(Map.of("files_from", "list.txt"), "files.from", "absolute");
        assertInvalid(Map.of("exclude_if_present", "a/b"), "exclude.if.present", "without '/'");
    }

    private static void assertInvalid(Map<String, Object> values, String key, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.fromConfig(PID, config(values)));
        assertTrue(e.getMessage().startsWith("Job configuration '" + PID + "', key '" + key + "'")
                && e.getMessage().contains(hint), e.getMessage());
    }

    /** A JobConfig as DS would make it: the given values, else the attribute's default. */
    @Test
    void replicasOfTheJobsOnePathReachItsRunsAndNeedExactlyOnePath() {
        JobDefinition job = JobDefinition.fromConfig(PID, config(Map.of("replicas", "/mnt/a/data, /mnt/b/data")));
        assertEquals(java.util.List.of(java.nio.file.Path.of("/mnt/a/data"), java.nio.file.Path.of("/mnt/b/data")),
                job.replicas());
        assertEquals(java.util.List.of(), JobDefinition.fromConfig(PID, config(Map.of())).replicas());
        IllegalArgumentException two = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.fromConfig(PID, config(Map.of("paths", "/a,/b", "replicas", "/mnt/a"))));
        org.junit.jupiter.api.Assertions.assertTrue(two.getMessage().contains(PID)
                && two.getMessage().contains("replicas"), two.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JobDefinition.fromConfig(PID, config(Map.of("replicas", "relative/path"))));
    }

    private static JobConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("name", "nightly", "paths", "/srv/data",
                "schedule", "0 0 2 * * ?"));
        all.putAll(values);
        return (JobConfig) Proxy.newProxyInstance(JobConfig.class.getClassLoader(), new Class<?>[] {JobConfig.class},
                (proxy, method, args) -> all.containsKey(method.getName()) ? all.get(method.getName())
                        : method.getDefaultValue());
    }
}
