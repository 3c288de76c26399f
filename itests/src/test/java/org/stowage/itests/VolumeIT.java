package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.volume.VolumeService;

/**
 * A volume in the booted assembly, as an operator drives it: configured through ConfigAdmin, exported from the
 * shell, written through the export by real NBD clients (nbdcopy, qemu-io), backed up (full, then tracked: only the
 * written block is read), restored to a file that equals the image.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VolumeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

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
    public void exportWriteBackUpAndRestoreAVolumeFromTheShell() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        Path work = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest", "volume"));
        Path image = work.resolve("vm.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16 << 20);
        }
        int port = FreePorts.pick();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "vm");
        properties.put("path", image.toString());
        properties.put("export.port", port);
        configAdmin.createFactoryConfiguration("org.stowage.volume", "?").update(properties);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> Services.await(bundleContext, RepositoryService.class,
                TIMEOUT).info().state() == RepositoryInfo.State.READY);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> Services.await(bundleContext, VolumeService.class,
                TIMEOUT).volumes().stream().anyMatch(v -> v.name().equals("vm")));

        String exported = shell.run("stowage:volume-export vm");
        String uri = "nbd://127.0.0.1:" + port + "/vm";
        assertTrue(exported, exported.contains(uri));
        Path source = work.resolve("source.img");
        byte[] random = new byte[16 << 20];
        new Random(3).nextBytes(random);
        Files.write(source, random);
        run("nbdcopy", source.toString(), uri);
        assertEquals(-1, Files.mismatch(source, image));

        String full = shell.run("stowage:volume-backup vm");
        assertTrue(full, full.contains("(full): read 256 blocks"));
        run("qemu-io", "-f", "raw", "-c", "write -P 9 1M 4k", uri);
        String blocks = shell.run("stowage:volume-blocks vm");
        assertTrue(blocks, blocks.contains("dirty            1") && blocks.contains("tracked"));
        String tracked = shell.run("stowage:volume-backup vm");
        assertTrue(tracked, tracked.contains("(tracked): read 1 blocks"));
        String json = shell.run("stowage:volume-blocks --json vm"); // Karaf takes options before arguments
        assertTrue(json, json.contains("\"allBackedUp\" : true") && json.contains("\"BACKED_UP\" : 1"));

        Path restored = work.resolve("restored.img");
        String restore = shell.run("stowage:volume-restore vm " + restored);
        assertTrue(restore, restore.contains("256 blocks written"));
        assertEquals(-1, Files.mismatch(image, restored));
        String list = shell.run("stowage:volumes");
        assertTrue(list, list.contains("vm") && list.contains(uri.substring("nbd://".length())));
        shell.run("stowage:volume-unexport vm");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(String.join(" ", command) + " did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + ": " + out, 0, p.exitValue());
    }
}
