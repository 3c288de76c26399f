package org.stowage.itests.crash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * The crash harness ({@link CrashHarness}) in its short form: a few kill -9 of the real Karaf during backup, prune,
 * copy and move, each followed by a restart, a clean {@code check --read-data}, identical restores and a completing
 * re-run. {@code bench/crash.sh} runs the same test with many kills ({@code -Dstowage.crash.backupKills=…}).
 */
public class CrashIT {

    @Test
    public void killedBackupsPrunesCopiesAndMovesLoseNothingAndTheirNextRunsComplete() throws Exception {
        int backupKills = HarnessProperties.integer("stowage.crash.backupKills", 3);
        int pruneKills = HarnessProperties.integer("stowage.crash.pruneKills", 2);
        int copyKills = HarnessProperties.integer("stowage.crash.copyKills", 1);
        int moveKills = HarnessProperties.integer("stowage.crash.moveKills", 1);
        Path scratch = HarnessProperties.scratch("crash");
        CrashHarness.Settings settings = new CrashHarness.Settings(HarnessProperties.assembly(), scratch,
                HarnessProperties.seed("stowage.crash.seed", 20261206L), backupKills, pruneKills, copyKills, moveKills,
                (long) HarnessProperties.integer("stowage.crash.incrementMiB", 64) << 20);
        CrashReport report = new CrashHarness(settings).run();
        System.out.println(report.summary());
        Files.writeString(scratch.resolveSibling(scratch.getFileName() + "-report.txt"), report.summary());
        assertEquals(backupKills, report.killsOf("backup"));
        assertEquals(pruneKills, report.killsOf("prune"));
        assertEquals(copyKills, report.killsOf("copy"));
        assertEquals(moveKills, report.killsOf("move"));
        assertTrue("a check after every kill and one at the end",
                report.checksPassed() > backupKills + pruneKills + copyKills + moveKills);
        HarnessProperties.cleanUp(scratch);
    }
}
