package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StowageException;

/**
 * Stowage as an operator meets it: the assembly's default configuration (a local disk device, a repository created
 * on first use), backups and restores through the services and the shell, a job added at runtime, and bad input.
 * One Karaf boot for the whole class; each test works in its own directories.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StowageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return StowageKaraf.withAwaitility();
    }

    @Test
    public void backupThenRestoreIsIdenticalAndASecondBackupStoresNothingNew() throws IOException {
        Path source = SourceTrees.create(workDir("identical").resolve("source"), 1);
        // made before the first backup: a new folder would change its parent's mtime, and so the ancestor trees
        Path target = Files.createDirectories(workDir("identical").resolve("restore"));
        SnapshotInfo first = backups().backup(BackupRequest.of(source), ProgressListener.NONE);
        assertTrue(first.isComplete());
        assertEquals(5, first.stats().filesNew());
        assertTrue("a repository was created on first use", repository().info().state() == RepositoryInfo.State.READY);

        RestoreResult restored = restores().restore(new RestoreRequest(first.id(), target, List.of()),
                ProgressListener.NONE);
        assertTrue(restored.failures().toString(), restored.isComplete());
        SourceTrees.assertIdentical(source, inRestore(target, source));

        SnapshotInfo second = backups().backup(BackupRequest.of(source), ProgressListener.NONE);
        assertEquals(first.id(), second.parent());
        assertEquals("unchanged files are not read again", 5, second.stats().filesUnmodified());
        assertEquals("nothing new to store", 0, second.stats().blobsAdded());

        Files.copy(source.resolve("large.bin"), source.resolve("copy-of-large.bin"));
        SnapshotInfo third = backups().backup(BackupRequest.of(source), ProgressListener.NONE);
        assertEquals(1, third.stats().filesNew());
        assertTrue("a copied file deduplicates: " + third.stats(), third.stats().bytesStored() < 64 * 1024);
    }

    /** The engine's libc calls (JNA, inlined in the engine bundle) work inside Karaf: an xattr and a FIFO survive. */
    @Test
    public void anExtendedAttributeAHardLinkAndAFifoSurviveBackupAndRestoreInKaraf() throws Exception {
        Path source = Files.createDirectories(workDir("fidelity").resolve("source"));
        Path noted = Files.writeString(source.resolve("noted.txt"), "a file with a note");
        Files.getFileAttributeView(noted, UserDefinedFileAttributeView.class)
                .write("note", StandardCharsets.UTF_8.encode("kept by stowage"));
        Files.createLink(source.resolve("second-name.txt"), noted);
        Process mkfifo = new ProcessBuilder("mkfifo", source.resolve("pipe").toString()).start();
        assertEquals("mkfifo", 0, mkfifo.waitFor());
        Path target = Files.createDirectories(workDir("fidelity").resolve("restore"));
        SnapshotInfo snapshot = backups().backup(BackupRequest.of(source), ProgressListener.NONE);

        RestoreResult restored = restores().restore(new RestoreRequest(snapshot.id(), target, List.of()),
                ProgressListener.NONE);
        assertTrue(restored.failures().toString(), restored.isComplete());
        Path back = inRestore(target, source);
        UserDefinedFileAttributeView view = Files.getFileAttributeView(back.resolve("noted.txt"),
                UserDefinedFileAttributeView.class);
        ByteBuffer note = ByteBuffer.allocate(64);
        view.read("note", note);
        assertEquals("kept by stowage", StandardCharsets.UTF_8.decode(note.flip()).toString());
        assertEquals("one file under two names", Files.getAttribute(back.resolve("noted.txt"), "unix:ino"),
                Files.getAttribute(back.resolve("second-name.txt"), "unix:ino"));
        try {
            assertTrue("the FIFO is restored as a FIFO", (Boolean) Files.readAttributes(back.resolve("pipe"),
                    "unix:*", LinkOption.NOFOLLOW_LINKS).get("isOther"));
        } finally {
            // Pax Exam deletes the runtime folder with commons-io, which opens every file: a FIFO would block it
            Files.deleteIfExists(back.resolve("pipe"));
            Files.deleteIfExists(source.resolve("pipe"));
        }
    }

    @Test
    public void shellSessionBacksUpListsRestoresAndChecks() throws IOException {
        KarafShell shell = new KarafShell(sessionFactory);
        Path source = SourceTrees.create(workDir("shell").resolve("source"), 2);
        String backup = shell.run("stowage:backup --tag from-shell " + source);
        assertTrue(backup, backup.matches("(?s).*Snapshot \\w{8} saved\\R.*"));

        String listing = shell.run("stowage:snapshots");
        SnapshotInfo latest = snapshots().snapshot("latest");
        assertTrue(listing, listing.contains(latest.shortId()) && listing.contains("from-shell"));
        String json = shell.run("stowage:snapshots --json");
        assertTrue(json, json.contains("\"" + latest.id() + "\""));

        String ls = shell.run("stowage:ls latest " + source.resolve("nested"));
        assertTrue(ls, ls.contains("run.sh") && ls.contains("dangling"));

        Path target = workDir("shell").resolve("restore");
        String restore = shell.run("stowage:restore latest " + target);
        assertTrue(restore, restore.contains("Restored"));
        SourceTrees.assertIdentical(source, inRestore(target, source));

        String check = shell.run("stowage:check --read-data");
        assertTrue(check, check.contains("No errors found."));
        String devices = shell.run("stowage:devices");
        assertTrue(devices, devices.contains("local") && devices.contains("DISK"));
        String busy = shell.run("stowage:device-busy --reason itest-maintenance --until 1h local");
        assertTrue(busy, busy.contains("BUSY"));
        String detail = shell.run("stowage:device local");
        assertTrue(detail, detail.contains("itest-maintenance"));
        String idle = shell.run("stowage:device-idle local");
        assertTrue(idle, idle.contains("IDLE"));
        String probe = shell.run("stowage:probe --size 1m local");
        assertTrue(probe, probe.contains("MiB/s"));
        assertTrue(shell.run("stowage:jobs"), shell.run("stowage:jobs --json").trim().startsWith("["));
        String locks = shell.run("stowage:locks");
        assertTrue("the backup released its lock: " + locks, locks.contains("(no locks)"));
        String unlock = shell.run("stowage:unlock");
        assertTrue(unlock, unlock.contains("No stale locks to remove"));

        Path passwordFile = Files.writeString(workDir("shell").resolve("second.password"), "a second password\n");
        String added = shell.run("stowage:key-add " + passwordFile);
        assertFalse("no password in the output: " + added, added.contains("a second password"));
        Matcher id = Pattern.compile("Added key (\\w{12})").matcher(added);
        assertTrue(added, id.find());
        String keys = shell.run("stowage:keys");
        assertTrue(keys, keys.contains(id.group(1)) && keys.contains("current"));
        String removed = shell.run("stowage:key-remove " + id.group(1));
        assertTrue(removed, removed.contains("Removed key:") && removed.contains(id.group(1)));
        assertFalse(shell.run("stowage:keys"), shell.run("stowage:keys").contains(id.group(1)));
    }

    @Test
    public void shellBackupWithExcludesStoresWhatItsDryRunListsAndRestoresWithoutTheExcluded() throws IOException {
        KarafShell shell = new KarafShell(sessionFactory);
        Path source = SourceTrees.create(workDir("exclude").resolve("source"), 7);
        Files.writeString(source.resolve("junk.tmp"), "scratch");
        Files.createDirectories(source.resolve("node_modules"));
        Files.writeString(source.resolve("node_modules/x.js"), "module");
        Files.createDirectories(source.resolve("cache"));
        Files.writeString(source.resolve("cache/CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n");
        Files.writeString(source.resolve("cache/blob"), "cached");
        String options = "--exclude '*.tmp' --exclude node_modules/ --exclude-caches ";
        int before = snapshots().snapshots().size();

        String dryRun = shell.run("stowage:backup " + options + "--dry-run " + source);
        assertTrue(dryRun, dryRun.contains("nothing was stored") && dryRun.contains(source + "/cache/CACHEDIR.TAG"));
        assertFalse(dryRun, dryRun.contains("junk.tmp") || dryRun.contains("x.js") || dryRun.contains("cache/blob"));
        assertEquals("a dry run stores no snapshot", before, snapshots().snapshots().size());

        String backup = shell.run("stowage:backup " + options + source);
        assertTrue(backup, backup.matches("(?s).*Snapshot \\w{8} saved\\R.*"));
        Path target = workDir("exclude").resolve("restore");
        String restore = shell.run("stowage:restore latest " + target);
        assertTrue(restore, restore.contains("Restored"));
        SourceTrees.assertIdenticalExcept(source, inRestore(target, source),
                List.of("junk.tmp", "node_modules", "node_modules/x.js", "cache/blob"));
    }

    @Test
    public void shellSessionDiffsFindsDumpsCountsTagsAndRestoresSelectively() throws IOException {
        KarafShell shell = new KarafShell(sessionFactory);
        Path work = workDir("everyday");
        Path source = SourceTrees.create(work.resolve("source"), 3);
        SnapshotInfo first = backups().backup(BackupRequest.of(source), ProgressListener.NONE);
        Files.writeString(source.resolve("added.txt"), "added\n");
        SnapshotInfo second = backups().backup(BackupRequest.of(source), ProgressListener.NONE);

        String diff = shell.run("stowage:diff " + first.shortId() + " " + second.shortId());
        assertTrue(diff, diff.contains("+    " + source.resolve("added.txt")) && diff.contains("1 added, 0 removed"));
        String find = shell.run("stowage:find added.txt");
        assertTrue(find, find.contains(second.shortId()) && !find.contains(first.shortId()));
        assertTrue(shell.run("stowage:find --json --snapshot " + first.shortId() + " '*.bin'").contains("data.bin"));

        Path dumped = work.resolve("large.bin");
        shell.run("stowage:dump --to " + dumped + " " + second.shortId() + " " + source.resolve("large.bin"));
        assertTrue("dumped bytes equal the source", java.util.Arrays.equals(
                Files.readAllBytes(source.resolve("large.bin")), Files.readAllBytes(dumped)));
        Path tar = work.resolve("nested.tar");
        String dumpTar = shell.run("stowage:dump --to " + tar + " " + second.shortId() + " "
                + source.resolve("nested"));
        assertTrue(dumpTar, dumpTar.contains("as tar") && Files.size(tar) > 300_000);

        String stats = shell.run("stowage:stats --mode raw-data " + first.shortId() + " " + second.shortId());
        assertTrue(stats, stats.contains("Snapshots:       2") && stats.contains("Dedup ratio"));
        assertTrue(shell.run("stowage:stats --json " + second.shortId()).contains("\"restoreBytes\""));

        String tag = shell.run("stowage:tag --add everyday-kept " + second.shortId());
        SnapshotInfo tagged = snapshots().snapshots().stream().filter(s -> s.tags().contains("everyday-kept"))
                .findFirst().orElseThrow(() -> new AssertionError("no snapshot tagged: " + tag));
        assertFalse("the old manifest is gone", snapshots().snapshots().stream()
                .anyMatch(s -> s.id().equals(second.id())));
        assertTrue(tag, tag.contains(tagged.shortId()));

        Path target = work.resolve("restore");
        String restore = shell.run("stowage:restore --exclude '*.bin' --verify " + tagged.shortId() + " "
                + target);
        assertTrue(restore, restore.contains("files verified"));
        assertFalse(Files.exists(inRestore(target, source).resolve("large.bin")));
        Files.writeString(inRestore(target, source).resolve("hello.txt"), "mine");
        String never = shell.run("stowage:restore --overwrite never " + tagged.shortId() + " " + target);
        assertTrue(never, never.contains("left as the target had them"));
        assertEquals("mine", Files.readString(inRestore(target, source).resolve("hello.txt")));
    }

    @Test
    public void shellMountShowsTheSnapshotsToProgramsAndUnmountsOnUmountSessionEndAndBundleStop() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        Path work = workDir("mount");
        Path source = SourceTrees.create(work.resolve("source"), 2);
        SnapshotInfo snapshot = backups().backup(BackupRequest.of(source), ProgressListener.NONE);
        Path mountpoint = Files.createDirectories(work.resolve("mnt"));

        String mounted = shell.run("stowage:mount --background " + mountpoint);
        assertTrue(mounted, mounted.contains("Mounted the snapshots read-only at " + mountpoint));
        assertTrue(shell.run("stowage:mount"), shell.run("stowage:mount").contains(mountpoint.toString()));
        Path inSnapshot = mountpoint.resolve("ids").resolve(snapshot.shortId()).resolve(
                source.getRoot().relativize(source));
        try (Stream<Path> listed = Files.list(inSnapshot)) {
            assertTrue("the mount lists the source's files", listed.anyMatch(p -> p.endsWith("large.bin")));
        }
        for (String file : List.of("large.bin", "hello.txt")) {
            Process cmp = new ProcessBuilder("cmp", source.resolve(file).toString(),
                    mountpoint.resolve("snapshots/latest").resolve(source.getRoot().relativize(source))
                            .resolve(file).toString()).redirectErrorStream(true).start();
            String said = new String(cmp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("cmp of " + file + " through the mount: " + said, 0, cmp.waitFor());
        }
        String umount = shell.run("stowage:umount " + mountpoint);
        assertTrue(umount, umount.contains("Unmounted " + mountpoint) && !isMounted(mountpoint));

        // In the foreground the command holds the mount until the session ends (or Ctrl-C interrupts it).
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Session session = sessionFactory.create(InputStream.nullInputStream(), new PrintStream(output, true),
                new PrintStream(output, true));
        Thread foreground = new Thread(() -> {
            try {
                session.execute("stowage:mount " + mountpoint);
            } catch (Exception e) {
                new PrintStream(output, true).println(e);
            }
        }, "itest foreground mount");
        foreground.start();
        await().atMost(TIMEOUT).until(() -> isMounted(mountpoint));
        session.close();
        await().atMost(TIMEOUT).until(() -> !isMounted(mountpoint) && !foreground.isAlive());
        assertTrue(output.toString(), output.toString().contains("Press Ctrl-C to unmount."));
        assertTrue(shell.run("stowage:mount"), shell.run("stowage:mount").contains("Nothing is mounted"));

        shell.run("stowage:mount --background " + mountpoint);
        Bundle mountBundle = Stream.of(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.stowage.mount")).findFirst().orElseThrow();
        mountBundle.stop();
        try {
            assertFalse("stopping the bundle unmounts", isMounted(mountpoint));
        } finally {
            mountBundle.start();
        }
    }

    private static boolean isMounted(Path folder) throws IOException {
        String field = " " + folder.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(field));
    }

    @Test
    public void jobConfiguredAtRuntimeFiresOnScheduleAndGoesAwayWithItsConfiguration() throws Exception {
        Path source = SourceTrees.create(workDir("job").resolve("source"), 3);
        org.osgi.service.cm.Configuration job = configAdmin.getFactoryConfiguration("org.stowage.job", "it", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "it-every-second");
        properties.put("paths", source.toString());
        properties.put("schedule", "0/1 * * * * ?");
        job.update(properties);

        await().atMost(TIMEOUT).until(() -> job("it-every-second") != null && job("it-every-second").runs() >= 1);
        JobInfo info = job("it-every-second");
        assertTrue(info.lastResult(), info.lastResult().startsWith("ok "));
        assertTrue("the job's snapshot carries its tag", snapshots().snapshots().stream()
                .anyMatch(s -> s.tags().contains("job:it-every-second") && s.paths().contains(source.toString())));

        job.delete();
        await().atMost(TIMEOUT).until(() -> job("it-every-second") == null);
    }

    @Test
    public void missingSourceAndUnreadableFileGiveClearMessagesAndLoseNothing() throws IOException {
        int before = snapshots().snapshots().size();
        Path missing = workDir("bad").resolve("no-such-dir");
        try {
            backups().backup(BackupRequest.of(missing), ProgressListener.NONE);
            fail("a backup of a missing path must fail");
        } catch (StowageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(missing.toString())
                    && e.getMessage().contains("does not exist"));
        }
        assertEquals("nothing was committed", before, snapshots().snapshots().size());

        // /proc/<pid>/mem is a regular file that fails to read with EIO, even for root
        Path unreadable = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "mem");
        Path source = SourceTrees.create(workDir("bad").resolve("source"), 4);
        RecordingListener listener = new RecordingListener();
        SnapshotInfo snapshot = backups().backup(new BackupRequest(List.of(source, unreadable), null, Set.of(), null),
                listener);
        assertEquals(1, snapshot.stats().errors());
        assertEquals(List.of(unreadable.toString()), listener.warnedItems());
        Path target = workDir("bad").resolve("restore");
        restores().restore(new RestoreRequest(snapshot.id(), target, List.of(source.toString())),
                ProgressListener.NONE);
        SourceTrees.assertIdentical(source, inRestore(target, source));
    }

    @Test
    public void wrongPasswordLocksTheRepositoryAndTheRightOneOpensItUnchanged() throws Exception {
        SnapshotInfo kept = backups().backup(BackupRequest.of(SourceTrees.create(workDir("pw").resolve("s"), 5)),
                ProgressListener.NONE);
        List<String> ids = snapshots().snapshots().stream().map(SnapshotInfo::id).toList();
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("org.stowage.repository", "?");
        Dictionary<String, Object> original = config.getProperties();
        Path wrong = Files.writeString(workDir("pw").resolve("wrong-password"), "not-the-password\n");
        Dictionary<String, Object> changed = copy(original);
        changed.put("password.file", wrong.toString());
        config.update(changed);
        try {
            await().atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> repository().info().state() == RepositoryInfo.State.LOCKED);
            String reason = repository().info().reason();
            assertTrue(reason, reason.contains("password"));
            assertFalse("the password never appears in messages: " + reason, reason.contains("not-the-password"));
            try {
                backups().backup(BackupRequest.of(workDir("pw").resolve("s")), ProgressListener.NONE);
                fail("a locked repository must refuse backups");
            } catch (StowageException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("password"));
            }
        } finally {
            config.update(original);
        }
        await().atMost(TIMEOUT).ignoreExceptions()
                .until(() -> repository().info().state() == RepositoryInfo.State.READY);
        assertEquals("every snapshot is still there", ids,
                snapshots().snapshots().stream().map(SnapshotInfo::id).toList());
        assertEquals(kept.id(), snapshots().snapshot(kept.shortId()).id());
    }

    @Test
    public void corruptPackByteIsDetectedNamedAndLosesNothingElse() throws IOException {
        Path source = workDir("corrupt").resolve("source");
        Files.createDirectories(source);
        Files.write(source.resolve("victim.bin"), SourceTrees.random(6, 3 * 1024 * 1024));
        Files.writeString(source.resolve("bystander.txt"), "still fine\n");
        List<Path> before = packs();
        SnapshotInfo snapshot = backups().backup(BackupRequest.of(source), ProgressListener.NONE);
        Path pack = packs().stream().filter(p -> !before.contains(p))
                .max((a, b) -> Long.compare(size(a), size(b))).orElseThrow();
        long offset = size(pack) / 3;
        byte original = flip(pack, offset);
        try {
            CheckReport report = checks().check(true, ProgressListener.NONE);
            assertFalse("check --read-data must find the flipped byte", report.isOk());
            String packId = pack.getFileName().toString();
            assertTrue(report.errors().toString(), report.errors().stream().anyMatch(e -> e.contains(packId)));

            Path target = workDir("corrupt").resolve("restore");
            RestoreResult result = restores().restore(new RestoreRequest(snapshot.id(), target, List.of()),
                    ProgressListener.NONE);
            assertEquals(result.failures().toString(), 1, result.failures().size());
            assertTrue(result.failures().get(0), result.failures().get(0).contains("victim.bin"));
            Path restoredSource = inRestore(target, source);
            assertFalse("a file that failed verification is never written",
                    Files.exists(restoredSource.resolve("victim.bin")));
            assertEquals("still fine\n", Files.readString(restoredSource.resolve("bystander.txt")));
        } finally {
            flip(pack, offset, original);
        }
        assertTrue("the repository is sound again", checks().check(true, ProgressListener.NONE).isOk());
    }

    private BackupService backups() {
        return service(BackupService.class);
    }

    private RestoreService restores() {
        return service(RestoreService.class);
    }

    private SnapshotService snapshots() {
        return service(SnapshotService.class);
    }

    private CheckService checks() {
        return service(CheckService.class);
    }

    private RepositoryService repository() {
        return service(RepositoryService.class);
    }

    private JobService jobs() {
        return service(JobService.class);
    }

    private <T> T service(Class<T> type) {
        return Services.await(bundleContext, type, TIMEOUT);
    }

    private JobInfo job(String name) {
        return jobs().jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
    }

    private static Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest", name));
    }

    /** Restores mirror absolute paths below the target. */
    private static Path inRestore(Path target, Path source) {
        return target.resolve(source.getRoot().relativize(source));
    }

    private static List<Path> packs() throws IOException {
        Path data = Path.of(System.getProperty("karaf.data"), "stowage", "devices", "local", "data");
        assertTrue("the default device keeps packs under " + data, Files.isDirectory(data));
        try (Stream<Path> all = Files.walk(data)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError("cannot stat " + file, e);
        }
    }

    private static byte flip(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            byte original = raf.readByte();
            raf.seek(offset);
            raf.writeByte(original ^ 0x40);
            return original;
        }
    }

    private static void flip(Path file, long offset, byte original) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.writeByte(original);
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> source) {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (var keys = source.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            copy.put(key, source.get(key));
        }
        return copy;
    }
}
