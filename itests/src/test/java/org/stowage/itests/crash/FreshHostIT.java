package org.stowage.itests.crash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

/**
 * The Karaf host is lost with every device but one: a new host, a freshly unpacked assembly given only that
 * device's configuration and the repository password, opens the repository and restores what the device holds.
 *
 * <p>Host A spreads a repository over its devices {@code local} and {@code disk2}: one backup's data goes to
 * {@code disk2} only, another's to {@code local} only (repository metadata and tree packs go to both). Host B knows
 * only {@code disk2}: it lists both snapshots, restores the first identically, and restores of the second what
 * needs no data (folders, empty files) while naming every file whose data was on {@code local}.
 */
public class FreshHostIT {

    private static final Duration LONG = Duration.ofMinutes(10);

    @Test
    public void aNewHostGivenOnlyOneSurvivingDeviceRestoresWhatThatDeviceHolds() throws Exception {
        Path scratch = HarnessProperties.scratch("fresh-host");
        Path password = scratch.resolve("repository.password");
        Path disk2 = scratch.resolve("disk2");
        Path onDisk2 = tree(scratch.resolve("source-disk2"), 1);
        Path onLocal = tree(scratch.resolve("source-local"), 2);
        KarafLogin login = KarafLogin.random();

        try (KarafCopy hostA = KarafCopy.unpack("host-a", HarnessProperties.assembly(), scratch.resolve("karaf-a"),
                login, scratch.resolve("local-a"), password, true)) {
            hostA.addDiskDevice("disk2", disk2);
            hostA.start();
            hostA.shell().ok("stowage:backup --devices disk2 --tag on-disk2 " + onDisk2, LONG);
            hostA.shell().ok("stowage:backup --devices local --tag on-local " + onLocal, LONG);
            hostA.stop();
        }

        try (KarafCopy hostB = KarafCopy.unpack("host-b", HarnessProperties.assembly(), scratch.resolve("karaf-b"),
                login, scratch.resolve("local-b"), password, false)) {
            hostB.addDiskDevice("disk2", disk2);
            CfgFile.set(hostB.home().resolve("etc/org.stowage.repository.cfg"), Map.of("devices", "disk2"));
            hostB.start();
            StowageShell stowage = new StowageShell(hostB.shell());
            List<StowageShell.Snapshot> snapshots = stowage.snapshots();
            assertEquals("host B lists host A's two snapshots: " + snapshots, 2, snapshots.size());

            Path whole = scratch.resolve("restore-disk2");
            Shell.Result restored = stowage.restore(id(snapshots, "on-disk2"), whole);
            assertEquals("restore of the snapshot disk2 holds:\n" + restored.output(), 0, restored.exitCode());
            assertEquals(List.of(), Manifest.scan(onDisk2).under(relative(onDisk2))
                    .differences(Manifest.scan(whole), 20));

            Path partial = scratch.resolve("restore-local");
            Shell.Result cut = stowage.restore(id(snapshots, "on-local"), partial);
            assertNotEquals("a restore that lacks the data on 'local' says so:\n" + cut.output(), 0, cut.exitCode());
            Path restoredRoot = partial.resolve(relative(onLocal));
            for (Path file : List.of(onLocal.resolve("data-0.bin"), onLocal.resolve("sub/data-1.bin"))) {
                assertTrue("the restore names " + file + ", whose data only 'local' held:\n" + cut.output(),
                        cut.output().contains(restoredRoot.resolve(onLocal.relativize(file)).toString()));
            }
            assertTrue("the empty file, which needs no data, is restored",
                    Files.isRegularFile(restoredRoot.resolve("sub/empty")));
            hostB.stop();
        }
        HarnessProperties.cleanUp(scratch);
    }

    /** A small tree: two files of random bytes (one in a subfolder), an empty file. */
    private static Path tree(Path root, long seed) throws Exception {
        Random random = new Random(seed);
        Files.createDirectories(root.resolve("sub"));
        for (Path file : List.of(root.resolve("data-0.bin"), root.resolve("sub/data-1.bin"))) {
            byte[] bytes = new byte[3 << 20];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        Files.createFile(root.resolve("sub/empty"));
        return root;
    }

    /** Where a restore puts {@code source}: its absolute path below the target. */
    private static String relative(Path source) {
        return source.getRoot().relativize(source).toString();
    }

    private static String id(List<StowageShell.Snapshot> snapshots, String tag) {
        return snapshots.stream().filter(s -> s.tags().contains(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no snapshot tagged " + tag + ": " + snapshots)).id();
    }
}
