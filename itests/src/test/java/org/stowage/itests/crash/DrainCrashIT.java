package org.stowage.itests.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;

/**
 * Karaf killed with SIGKILL in the middle of a staging drain loses nothing and drains nothing twice. A repository
 * over {@code local} and {@code disk2} keeps every pack on both ({@code copies} = 2); {@code disk2} is BUSY during
 * the backup, so its copies wait in staging. When it turns IDLE the drain starts, and Karaf is killed once the
 * second pack has reached {@code disk2}. After the restart the drain goes on by itself: {@code disk2} ends with
 * exactly the packs {@code local} holds, of which the restarted process wrote only those the killed one had not,
 * staging is empty, {@code check --read-data} of {@code disk2}'s copies alone is clean and the snapshot restores
 * identically.
 */
public class DrainCrashIT {

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final int KILL_AT_PACK = 2;

    @Test
    public void aKillDuringADrainLosesNothingAndDrainsNothingTwice() throws Exception {
        Path scratch = HarnessProperties.scratch("drain-crash");
        Path local = scratch.resolve("local");
        Path disk2 = scratch.resolve("disk2");
        Path source = source(scratch.resolve("source"));
        try (KarafCopy karaf = KarafCopy.unpack("drain", HarnessProperties.assembly(), scratch.resolve("karaf"),
                KarafLogin.random(), local, scratch.resolve("repository.password"), true)) {
            karaf.addDiskDevice("disk2", disk2);
            Path etc = karaf.home().resolve("etc");
            CfgFile.set(etc.resolve("org.stowage.repository.cfg"), Map.of("selector", "copies", "copies", 2));
            CfgFile.set(etc.resolve("org.stowage.staging.cfg"), Map.of("poll.seconds", 1));
            karaf.start();
            StowageShell stowage = new StowageShell(karaf.shell());

            karaf.shell().ok("stowage:device-busy --reason drain-crash-test disk2", LONG);
            karaf.shell().ok(StowageShell.backupCommand(source, "drained"), LONG);
            Set<String> packs = DeviceWatch.packs(local);
            assertEquals("the busy device received nothing", Set.of(), DeviceWatch.packs(disk2));
            assertTrue("every pack (and the index and snapshot written with them) waits in staging for disk2",
                    stowage.stagedItems("disk2") > packs.size());
            assertTrue("enough packs to kill the drain in the middle: " + packs, packs.size() > KILL_AT_PACK + 1);

            KillSwitch kill = new KillSwitch(karaf.jvm(), KILL_AT_PACK);
            try (DeviceWatch watch = DeviceWatch.start(List.of(disk2), kill)) {
                karaf.shell().run("stowage:device-idle disk2", LONG);
                await("the kill in the drain").atMost(LONG).until(kill::fired);
                karaf.awaitExit();
            }
            Set<String> beforeRestart = DeviceWatch.packs(disk2);
            long indexBeforeRestart = indexFiles(disk2);
            assertTrue("the drain was cut short: " + beforeRestart.size() + " of " + packs.size() + " packs",
                    beforeRestart.size() >= KILL_AT_PACK && beforeRestart.size() < packs.size());

            int afterRestart;
            try (DeviceWatch watch = DeviceWatch.start(List.of(disk2), changes -> { })) {
                karaf.start(); // watched from before the start: the drain goes on as soon as staging is up
                await("the drain finished after the restart").atMost(LONG)
                        .until(() -> stowage.stagedItems("disk2") == 0);
                watch.settle();
                afterRestart = watch.appeared();
            }
            assertEquals("disk2 holds exactly the packs local holds", packs, DeviceWatch.packs(disk2));
            assertEquals("the restarted drain wrote only the packs (and index files) the killed one had not",
                    packs.size() - beforeRestart.size() + indexFiles(disk2) - indexBeforeRestart, afterRestart);
            karaf.shell().ok("stowage:check --read-data --device disk2", LONG);
            Path restored = scratch.resolve("restore");
            String snapshot = new TreeSet<>(stowage.snapshots().stream().map(StowageShell.Snapshot::id).toList())
                    .first();
            karaf.shell().ok("stowage:restore " + snapshot + " " + restored, LONG);
            assertEquals(List.of(), Manifest.scan(source).under(source.getRoot().relativize(source).toString())
                    .differences(Manifest.scan(restored), 20));
            karaf.stop();
        }
        HarnessProperties.cleanUp(scratch);
    }

    private static long indexFiles(Path device) throws Exception {
        Path index = device.resolve("index");
        if (!Files.isDirectory(index)) {
            return 0;
        }
        try (var files = Files.list(index)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    /** Files of random bytes, enough for several 16 MiB packs. */
    private static Path source(Path root) throws Exception {
        Files.createDirectories(root);
        Random random = new Random(20261206);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = new byte[16 << 20];
            random.nextBytes(bytes);
            Files.write(root.resolve("part-" + i + ".bin"), bytes);
        }
        return root;
    }
}
