package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.karaf.features.BootFinished;
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
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.itests.integrator.IntegratorBundle;
import org.stowage.itests.integrator.IntegratorRoutes;

/**
 * Integrators' routes in the assembly (issue 15): a third-party bundle's RoutesBuilder service using stowage:backup
 * and stowage:events runs on Stowage's CamelContext until the bundle is uninstalled; YAML and XML route files dropped
 * into etc/stowage-routes/ run until they are deleted, a file that does not parse is named in the log, and the failure
 * event of a scheduled job (whose Quartz route runs stowage:backup?job=) reaches a file: endpoint of an XML route;
 * an integrator's own CamelContext resolves stowage: through the ComponentResolver service Stowage registers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ComponentRoutesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Long enough for several polls of a file consumer (0.5 s) and of the route folder (2 s). */
    private static final Duration STAYS = Duration.ofSeconds(5);

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws Exception {
        Path bundle = IntegratorBundle.build(Path.of("target", "third-party", "integrator-routes.jar"));
        return StowageKaraf.withAwaitility(
                systemProperty("stowage.itest.integrator.bundle").value(bundle.toAbsolutePath().toString()));
    }

    @Test
    public void anIntegratorsRoutesBuilderServiceRunsUntilItsBundleIsUninstalled() throws Exception {
        SnapshotService snapshots = Services.await(bundleContext, SnapshotService.class, TIMEOUT);
        Bundle bundle = bundleContext.installBundle("file:" + System.getProperty("stowage.itest.integrator.bundle"));
        bundle.start();
        Path in = Files.createDirectories(IntegratorRoutes.folder("in"));
        Files.writeString(in.resolve("orders.csv"), "id,amount\n1,42\n");

        Path saved = IntegratorRoutes.folder("saved");
        await("the integrator's events route wrote the snapshot's id").atMost(TIMEOUT)
                .until(() -> files(saved).size() == 1);
        Path announced = files(saved).get(0);
        assertEquals("/orders.csv", Files.readString(announced));
        ByteArrayOutputStream restored = new ByteArrayOutputStream();
        snapshots.dump(announced.getFileName().toString(), "/orders.csv", restored);
        assertEquals("id,amount\n1,42\n", restored.toString(StandardCharsets.UTF_8));

        bundle.uninstall();
        awaitLog("Routes [itest-integrator-backup, itest-integrator-events] of RoutesBuilder service");
        awaitLog("stopped and removed: the service went away");
        Path late = Files.writeString(in.resolve("late.csv"), "not backed up");
        await("nothing consumes the folder once the bundle is gone").during(STAYS).atMost(STAYS.plusSeconds(5))
                .until(() -> Files.exists(late));
    }

    @Test
    public void routeFilesRunUntilDeletedAndAScheduledJobsFailureReachesAFileEndpoint() throws Exception {
        SnapshotService snapshots = Services.await(bundleContext, SnapshotService.class, TIMEOUT);
        Path routes = Path.of(System.getProperty("karaf.etc"), "stowage-routes");
        await("the routing created etc/stowage-routes").atMost(TIMEOUT).until(() -> Files.isDirectory(routes));
        Path base = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest-route-files"));
        Path in = Files.createDirectories(base.resolve("in"));
        Path failures = base.resolve("failures");

        Files.writeString(routes.resolve("broken.yaml"), "- route:\n    from: [unclosed\n");
        Files.writeString(routes.resolve("itest.yaml"), """
                - route:
                    id: itest-yaml-backup
                    from:
                      uri: file:%s?delete=true
                      steps:
                        - to: stowage:backup?tags=itest-yaml
                """.formatted(in));
        Files.writeString(routes.resolve("itest.xml"), """
                <routes xmlns="http://camel.apache.org/schema/spring">
                  <route id="itest-xml-job-failures">
                    <from uri="stowage:events?types=JOB_FAILED"/>
                    <setHeader name="CamelFileName"><simple>${header.StowageJobName}.txt</simple></setHeader>
                    <to uri="file:%s"/>
                  </route>
                </routes>
                """.formatted(failures));
        awaitLog("Route file " + routes.resolve("broken.yaml") + " does not parse");
        awaitLog("Route file " + routes.resolve("itest.yaml") + " added: routes [itest-yaml-backup] started");
        awaitLog("Route file " + routes.resolve("itest.xml") + " added: routes [itest-xml-job-failures] started");

        Files.writeString(in.resolve("report.txt"), "quarterly report");
        await("the YAML route backed the dropped file up").atMost(TIMEOUT).until(() -> tagged(snapshots, "itest-yaml")
                .isPresent());
        assertEquals(List.of("/report.txt"), tagged(snapshots, "itest-yaml").get().paths());

        org.osgi.service.cm.Configuration job = configAdmin.getFactoryConfiguration("org.stowage.job", "itestfail",
                "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "itest-fails");
        properties.put("paths", "/nonexistent/itest-source");
        properties.put("schedule", "* * * * * ?");
        job.update(properties);
        try {
            Path failure = failures.resolve("itest-fails.txt");
            await("the job's JOB_FAILED event reached the XML route's file: endpoint").atMost(TIMEOUT)
                    .until(() -> Files.exists(failure));
            String reason = Files.readString(failure);
            assertTrue(reason, reason.contains("/nonexistent/itest-source"));
        } finally {
            job.delete();
        }

        Files.delete(routes.resolve("itest.yaml"));
        Files.delete(routes.resolve("itest.xml"));
        Files.delete(routes.resolve("broken.yaml"));
        awaitLog("Route file " + routes.resolve("itest.yaml") + " was deleted");
        awaitLog("Route file " + routes.resolve("itest.xml") + " was deleted");
        Path late = Files.writeString(in.resolve("late.txt"), "not backed up");
        await("nothing consumes the folder once the route file is gone").during(STAYS).atMost(STAYS.plusSeconds(5))
                .until(() -> Files.exists(late));
    }

    @Test
    public void anIntegratorsOwnCamelContextGetsAStowageComponentOfItsOwn() throws Exception {
        Services.await(bundleContext, SnapshotService.class, TIMEOUT);
        try (CamelContext own = new OsgiDefaultCamelContext(bundleContext)) {
            own.start();
            ProducerTemplate template = own.createProducerTemplate();
            SnapshotInfo saved = template.requestBodyAndHeader("stowage:backup?tags=itest-own-context",
                    "from the integrator's own CamelContext", "StowageFileName", "own.txt", SnapshotInfo.class);
            assertEquals(List.of("/own.txt"), saved.paths());
            List<?> listed = template.requestBody("stowage:snapshots?tags=itest-own-context", null, List.class);
            assertEquals(List.of(saved), listed);
        }
    }

    private static Optional<SnapshotInfo> tagged(SnapshotService snapshots, String tag) {
        return snapshots.snapshots().stream().filter(s -> s.tags().contains(tag)).findFirst();
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).toList();
        }
    }

    private static void awaitLog(String text) {
        Path log = Path.of(System.getProperty("karaf.log"), "karaf.log");
        await("karaf.log says: " + text).atMost(TIMEOUT).until(() -> Files.readString(log).contains(text));
    }
}
