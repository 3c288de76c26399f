package org.stowage.itests.crash;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

/**
 * Two Karaf processes on one repository ({@link SharedRepositoryHarness}), short form: 60 s of concurrent backups,
 * prunes and checks by default. {@code bench/shared-repo.sh} runs the same test for 10 minutes
 * ({@code -Dstowage.shared.seconds=600}).
 */
public class SharedRepositoryIT {

    @Test
    public void twoProcessesBackingUpPruningAndCheckingOneRepositoryNeverLoseData() throws Exception {
        Path scratch = HarnessProperties.scratch("shared-repo");
        SharedRepositoryHarness.Settings settings = new SharedRepositoryHarness.Settings(HarnessProperties.assembly(),
                scratch, HarnessProperties.seed("stowage.shared.seed", 20261207L),
                Duration.ofSeconds(HarnessProperties.integer("stowage.shared.seconds", 60)),
                (long) HarnessProperties.integer("stowage.shared.incrementMiB", 24) << 20);
        SharedRepositoryReport report = new SharedRepositoryHarness(settings).run();
        System.out.println(report.summary());
        Files.writeString(scratch.resolveSibling(scratch.getFileName() + "-report.txt"), report.summary());
        assertTrue("backups were saved: " + report.summary(),
                report.counts().stream().mapToInt(SharedRepositoryWorker.Counts::backups).sum() > 0);
        HarnessProperties.cleanUp(scratch);
    }
}
