package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.DataPlacement;
import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.LockService;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;

/** The commands' parsing and output, with stand-in facades (the real engine is covered in Karaf by itests). */
class CommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void backupWithReplicasSendsThemWithTheOneLogicalPathAndRefusesTwoPaths() throws Exception {
        List<BackupRequest> requests = new ArrayList<>();
        BackupCommand command = with(new BackupCommand());
        command.paths = List.of("/data");
        command.replicas = List.of("/mnt/a/data", "/mnt/b/data");
        command.backupService = (request, listener) -> {
            requests.add(request);
            return Fakes.snapshot("1234abcd", null);
        };
        command.execute();
        assertEquals(List.of(Path.of("/data")), requests.get(0).paths());
        assertEquals(List.of(Path.of("/mnt/a/data"), Path.of("/mnt/b/data")), requests.get(0).replicas());

        BackupCommand two = with(new BackupCommand());
        two.paths = List.of("/data", "/etc");
        two.replicas = List.of("/mnt/a/data");
        two.backupService = command.backupService;
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, two::execute);
        assertTrue(refused.getMessage().contains("--replica needs exactly one path"), refused.getMessage());
        assertEquals(1, requests.size());
    }

    @Test
    void backupSendsAbsolutePathsTagsAndParentAndPrintsSummaryAndWarnings() throws Exception {
        List<BackupRequest> requests = new ArrayList<>();
        BackupCommand command = with(new BackupCommand());
        command.paths = List.of("/srv/data", "rel/dir");
        command.tags = List.of("manual");
        command.parent = "none";
        command.backupService = (request, listener) -> {
            requests.add(request);
            listener.warning("/srv/data/locked", "permission denied");
            return Fakes.snapshot("1234abcd", null);
        };

        command.execute();

        BackupRequest request = requests.get(0);
        assertEquals(Path.of("/srv/data"), request.paths().get(0));
        assertEquals(Path.of("rel/dir").toAbsolutePath(), request.paths().get(1));
        assertEquals(Set.of("manual"), request.tags());
        assertEquals("none", request.parent());
        String text = text();
        assertTrue(text.contains("Snapshot 1234abcd saved"), text);
        assertTrue(text.contains("3 / 2 / 1") && text.contains("3.0 MiB") && text.contains("1m 05s"), text);
        assertTrue(text.contains("Skipped (1):") && text.contains("/srv/data/locked: permission denied"), text);
    }

    @Test
    void stowageExceptionBecomesACleanCommandFailure() {
        SnapshotsCommand command = with(new SnapshotsCommand());
        command.snapshotService = new StubSnapshots() {
            @Override
            public List<SnapshotInfo> snapshots() {
                throw new SnapshotNotFoundException("repository on device 'local' is locked: wrong password");
            }
        };
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertEquals("repository on device 'local' is locked: wrong password", e.getMessage());
    }

    @Test
    void missingEngineServiceIsExplained() {
        CommandException e = assertThrows(CommandException.class, with(new JobsCommand())::execute);
        assertTrue(e.getMessage().contains("JobService is not available"), e.getMessage());
    }

    @Test
    void snapshotsTableMarksIncompleteSnapshots() throws Exception {
        SnapshotsCommand command = with(new SnapshotsCommand());
        command.snapshotService = new StubSnapshots() {
            @Override
            public List<SnapshotInfo> snapshots() {
                return List.of(Fakes.snapshot("aaaa1111", null), Fakes.snapshot("bbbb2222", "device full"));
            }
        };
        command.execute();
        String[] lines = text().split("\n");
        assertTrue(lines[0].contains("ID") && lines[0].contains("Processed"), text());
        String complete = find(lines, "aaaa1111");
        String incomplete = find(lines, "bbbb2222");
        assertTrue(!complete.contains("incomplete") && incomplete.contains("incomplete"), text());
        assertTrue(complete.contains("a,b") && complete.contains("5.0 MiB") && complete.contains("/srv/data"), text());
    }

    @Test
    void lsWithDevicesShowsWhereTheSnapshotsDataLies() throws Exception {
        LsCommand command = with(new LsCommand());
        command.snapshot = "latest";
        command.devices = true;
        command.snapshotService = new StubSnapshots() {
            @Override
            public DataPlacement placement(String snapshot) {
                return new DataPlacement(4L << 20, Map.of("local", 4L << 20, "vault", 1L << 20));
            }
        };
        command.execute();
        assertTrue(text().contains("Data of snapshot latest: 4.0 MiB stored"), text());
        assertTrue(find(text().split("\n"), "local").contains("100.0 %"), text());
        assertTrue(find(text().split("\n"), "vault").contains("25.0 %"), text());
    }

    @Test
    void copyPassesSnapshotsAndTargetsAndReportsWhatItDid() throws Exception {
        CopyCommand command = with(new CopyCommand());
        command.snapshots = List.of("latest", "ab12");
        command.to = " vault, offsite ";
        command.move = true;
        List<Object> asked = new java.util.ArrayList<>();
        command.copyService = (snapshots, to, move, listener) -> {
            asked.addAll(List.of(snapshots, to, move));
            return new CopyResult(12, 20, 5L << 20, 12, java.time.Duration.ofSeconds(3));
        };
        command.execute();
        assertEquals(List.of(List.of("latest", "ab12"), List.of("vault", "offsite"), true), asked);
        assertTrue(text().contains("Moved the 12 packs of 2 snapshot(s) to vault, offsite: 20 copies written "
                + "(5.0 MiB), 12 copies removed"), text());
    }

    @Test
    void initNeverPrintsAPassword() throws Exception {
        InitCommand command = with(new InitCommand());
        command.repository = new RepositoryService() {
            @Override
            public RepositoryInfo info() {
                throw new UnsupportedOperationException();
            }

            @Override
            public RepositoryInfo init() {
                return new RepositoryInfo("f".repeat(64), "local", RepositoryInfo.State.READY, "",
                        "/opt/karaf/etc/stowage/repository.password", List.of("the repository password file "
                        + "/opt/karaf/etc/stowage/repository.password has permissions rw-r--r--: run `chmod 600`"));
            }
        };
        command.execute();
        assertTrue(text().startsWith("Created repository " + "f".repeat(64) + " on device local"), text());
        assertTrue(!text().toLowerCase().contains("password:") && !text().contains("State:"), text());
        assertTrue(text().contains("The repository password is in /opt/karaf/etc/stowage/repository.password."),
                text());
        assertTrue(text().contains("KEEP A COPY OF THAT FILE AWAY FROM THIS HOST"), text());
        assertTrue(text().contains("WARNING: the repository password file /opt/karaf/etc/stowage/repository.password "
                + "has permissions rw-r--r--"), text());
    }

    @Test
    void restoreWithFailuresListsThemAndFails() {
        RestoreCommand command = with(new RestoreCommand());
        command.snapshot = "latest";
        command.target = "/tmp/restore-here";
        command.restoreService = (request, listener) -> new RestoreResult(5, 2, 0, 1024, List.of(
                "/srv/data/a: blob 1234 failed verification"), Duration.ofSeconds(2));
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertTrue(e.getMessage().contains("INCOMPLETE") && e.getMessage().contains("1 items"), e.getMessage());
        assertTrue(text().contains("Restored 5 files, 2 directories") && text().contains("/tmp/restore-here"), text());
        assertTrue(text().contains("  /srv/data/a: blob 1234 failed verification"), text());
    }

    @Test
    void checkWithErrorsFailsAfterListingThem() throws Exception {
        CheckCommand ok = with(new CheckCommand());
        ok.checkService = (readData, listener) -> new CheckReport(2, 3, 40, 0, List.of());
        ok.execute();
        assertTrue(text().contains("No errors found."), text());

        CheckCommand bad = with(new CheckCommand());
        bad.checkService = (readData, listener) -> new CheckReport(2, 3, 40, 0, List.of("pack 99 missing on local"));
        assertThrows(CommandException.class, bad::execute);
        assertTrue(text().contains("  pack 99 missing on local"), text());
    }

    @Test
    void forgetRefusesABadPolicyBeforeCallingTheEngine() {
        ForgetCommand command = with(new ForgetCommand());
        command.policy = "keep=3";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertTrue(e.getMessage().contains("keep=3"), e.getMessage());
    }

    @Test
    void devicesShowsStateReasonTrafficAndSpaceAndSurvivesABrokenDriver() throws Exception {
        DevicesCommand command = with(new DevicesCommand());
        command.devices = List.of(
                Fakes.device("tape1", new DeviceStatus(DeviceState.BUSY, "writing", 80 * 1024 * 1024, 1,
                        2L * 1024 * 1024 * 1024, -1)),
                Fakes.device("broken", null));
        command.execute();
        String[] lines = text().split("\n");
        String tape = find(lines, "tape1");
        assertTrue(tape.contains("BUSY (writing)") && tape.contains("80.0") && tape.contains("2.0 GiB")
                && tape.contains("?"), text());
        assertTrue(find(lines, "broken").contains("ERROR (status failed: mount point /mnt/x is gone)"), text());
        assertTrue(text().indexOf("broken") < text().indexOf("tape1"), "sorted by id");
    }

    @Test
    void devicesWithAnUnknownIdFails() {
        DevicesCommand command = with(new DevicesCommand());
        command.devices = List.of();
        command.id = "nope";
        assertThrows(CommandException.class, command::execute);
    }

    @Test
    void jobsJsonIsParseableByScripts() throws Exception {
        JobsCommand command = with(new JobsCommand());
        command.json = true;
        command.jobService = new JobService() {
            @Override
            public List<JobInfo> jobs() {
                return List.of(new JobInfo("nightly", List.of("/srv"), "0 0 2 * * ?", "last=7",
                        Instant.parse("2025-03-01T02:00:00Z"), "ok 1234abcd", 3));
            }

            @Override
            public SnapshotInfo run(String name) {
                throw new UnsupportedOperationException();
            }
        };
        command.execute();
        assertTrue(text().contains("\"lastRun\" : \"2025-03-01T02:00:00Z\"") && text().contains("\"runs\" : 3"),
                text());
    }

    @Test
    void snapshotCompleterOffersLatestAndShortIdsNewestFirst() {
        SnapshotIdCompleter completer = new SnapshotIdCompleter();
        assertNull(completer.snapshotService);
        completer.snapshotService = new StubSnapshots() {
            @Override
            public List<SnapshotInfo> snapshots() {
                return List.of(Fakes.snapshot("aaaa1111", null), Fakes.snapshot("bbbb2222", null));
            }
        };
        assertEquals(List.of("latest", "bbbb2222", "aaaa1111"), completer.ids());
    }

    @Test
    void locksAreListedAndUnlockRemovesStaleOnesUnlessAllIsGiven() throws Exception {
        RepositoryLockInfo running = new RepositoryLockInfo("a1b2c3d4e5f60718293a4b5c6d7e8f90", true,
                "backup of [/srv]", "web-1", 4242, Instant.parse("2026-11-24T05:00:00Z"), false);
        RepositoryLockInfo crashed = new RepositoryLockInfo("0f0e0d0c0b0a09080706050403020100", false, "prune",
                "db-2", 77, Instant.parse("2026-11-23T01:00:00Z"), true);
        List<Boolean> unlockCalls = new ArrayList<>();
        LockService locks = new LockService() {
            @Override
            public List<RepositoryLockInfo> locks() {
                return List.of(crashed, running);
            }

            @Override
            public List<RepositoryLockInfo> unlock(boolean all) {
                unlockCalls.add(all);
                return all ? List.of(crashed, running) : List.of(crashed);
            }
        };
        LocksCommand list = with(new LocksCommand());
        list.lockService = locks;
        list.execute();
        String table = text();
        assertTrue(table.contains("a1b2c3d4") && table.contains("shared") && table.contains("backup of [/srv]")
                && table.contains("web-1") && table.contains("4242"), table);
        assertTrue(table.contains("0f0e0d0c") && table.contains("exclusive") && table.contains("stale"), table);

        UnlockCommand unlock = with(new UnlockCommand());
        unlock.lockService = locks;
        unlock.execute();
        assertEquals(List.of(false), unlockCalls, "without --all only stale locks go");
        assertTrue(text().contains("Removed 1 lock:"), text());

        unlock.all = true;
        unlock.execute();
        assertEquals(List.of(false, true), unlockCalls);
        assertTrue(text().contains("Removed 2 locks:"), text());
    }

    @Test
    void keysAreListedAddedFromAnAbsolutePasswordFileAndRemovedWithoutAnyPasswordShown() throws Exception {
        RepositoryKeyInfo first = new RepositoryKeyInfo("9f8e7d6c5b4a39281706f5e4d3c2b1a0", Instant.parse(
                "2026-11-01T10:00:00Z"), "web-1", "scrypt", true);
        RepositoryKeyInfo second = new RepositoryKeyInfo("00112233445566778899aabbccddeeff", Instant.parse(
                "2026-11-24T10:00:00Z"), "web-1", "scrypt", false);
        List<Path> added = new ArrayList<>();
        KeyService keys = new KeyService() {
            @Override
            public List<RepositoryKeyInfo> keys() {
                return List.of(first, second);
            }

            @Override
            public RepositoryKeyInfo addKey(Path passwordFile) {
                added.add(passwordFile);
                return second;
            }

            @Override
            public RepositoryKeyInfo removeKey(String id) {
                if (first.id().startsWith(id)) {
                    throw new StowageException("key 9f8e7d6c5b4a is the one this repository was opened with");
                }
                return second;
            }
        };
        KeyIdCompleter completer = new KeyIdCompleter();
        completer.keyService = keys;
        assertEquals(List.of("001122334455"), completer.ids(), "the current key is not offered for removal");

        KeysCommand list = with(new KeysCommand());
        list.keyService = keys;
        list.execute();
        assertTrue(text().contains("9f8e7d6c5b4a") && text().contains("current") && text().contains("001122334455"),
                text());

        KeyAddCommand add = with(new KeyAddCommand());
        add.keyService = keys;
        add.passwordFile = "relative/new.password";
        add.execute();
        assertEquals(List.of(Path.of("relative/new.password").toAbsolutePath()), added);
        assertTrue(text().contains("Added key 001122334455") && text().contains("set password.file = "), text());

        KeyRemoveCommand remove = with(new KeyRemoveCommand());
        remove.keyService = keys;
        remove.id = "9f8e";
        CommandException refused = assertThrows(CommandException.class, remove::execute);
        assertTrue(refused.getMessage().contains("opened with"), refused.getMessage());
        remove.id = "0011";
        remove.execute();
        assertTrue(text().contains("Removed key:"), text());
    }

    private <T extends StowageAction> T with(T command) {
        command.out = out;
        return command;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String find(String[] lines, String part) {
        for (String line : lines) {
            if (line.contains(part)) {
                return line;
            }
        }
        throw new AssertionError("no line with " + part);
    }
}
