package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.Progress;

class ProgressLineTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void showsCountsRateAndEta() {
        // 10 MiB of 30 MiB in 2 s: 5 MiB/s, 20 MiB left -> 4 s
        Progress p = new Progress("backup", 1234, 5678, 10 * MIB, 30 * MIB, Duration.ofSeconds(2), "/srv/a.txt");
        assertEquals("backup  1,234/5,678 files  10.0 MiB/30.0 MiB  5.0 MiB/s  ETA 4.0s  /srv/a.txt",
                ProgressLine.format(p, 0));
    }

    @Test
    void unknownTotalsShowNoTotalAndNoEta() {
        Progress p = new Progress("scan", 7, -1, 2048, -1, Duration.ofSeconds(1), "");
        assertEquals("scan  7 files  2.0 KiB  2.0 KiB/s  ETA --", ProgressLine.format(p, 0));
    }

    @Test
    void longPathLosesItsBeginningToFitTheWidth() {
        String path = "/very/long/directory/name/that/goes/on/and/on/file.txt";
        Progress p = new Progress("backup", 1, 2, 0, 10, Duration.ofSeconds(1), path);
        String line = ProgressLine.format(p, 60);
        assertEquals(60, line.length());
        assertTrue(line.startsWith("backup  1/2 files  0 B/10 B  0 B/s  ETA --  ..."), line);
        assertTrue(line.endsWith("on/file.txt"), line);
    }

    @Test
    void tooNarrowDropsTheItemButKeepsTheNumbers() {
        Progress p = new Progress("backup", 1, 2, 0, 10, Duration.ofSeconds(1), "/some/file");
        String line = ProgressLine.format(p, 45);
        assertTrue(line.length() <= 45, line);
        assertTrue(line.startsWith("backup  1/2 files"), line);
    }
}
