package org.stowage.routing.internal.component;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.routing.internal.integration.RouteFiles;
import org.stowage.routing.internal.integration.RouteGroups;

/**
 * The examples of docs/component.md, taken from the document itself and run against a real repository: the Java DSL
 * block must be {@link ExportRoutes} verbatim, and the YAML and XML blocks are loaded as route files, with the
 * document's folders replaced by temporary ones.
 */
class DocExamplesTest {

    static final Path DOC = Path.of("../../docs/component.md");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path device;
    @TempDir
    Path work;

    private EngineRepository repository;
    private DefaultCamelContext camel;
    private ProducerTemplate template;
    private Path exports;
    private Path restored;
    private Path failures;

    @BeforeEach
    void start() throws Exception {
        repository = new EngineRepository(device);
        camel = new DefaultCamelContext();
        camel.addComponent("stowage", new StowageComponent(repository.services(() -> {
            throw new UnsupportedOperationException("no jobs");
        }, new StowageEvents(Clock.systemUTC()))));
        camel.start();
        template = camel.createProducerTemplate();
        exports = Files.createDirectories(work.resolve("exports"));
        restored = work.resolve("restored");
        failures = work.resolve("failures");
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        repository.close();
    }

    @Test
    void theJavaExampleIsExportRoutesAndBacksUpDroppedFilesAndReportsFailures() throws Exception {
        String source = Files.readString(Path.of("src/test/java/org/stowage/routing/internal/component/"
                + "ExportRoutes.java"));
        assertTrue(source.endsWith(example("java")), "docs/component.md's Java example and ExportRoutes differ");
        camel.addRoutes(new ExportRoutes(exports.toString(), failures.toString()));
        assertNotNull(camel.getRoute("exports-retention"));

        Files.writeString(exports.resolve("report.csv"), "q1,q2\n1,2\n");
        SnapshotInfo snapshot = awaitSnapshotTagged("exports");
        assertEquals(List.of("/report.csv"), snapshot.paths());
        breakRepositoryAndCheck();
        await("the CHECK_FAILED event reached the file: endpoint").atMost(TIMEOUT)
                .until(() -> names(failures).stream().anyMatch(n -> n.startsWith("CHECK_FAILED-")));
    }

    @Test
    void theYamlAndXmlExamplesRunAsRouteFiles() throws Exception {
        Path folder = Files.createDirectories(work.resolve("stowage-routes"));
        Files.writeString(folder.resolve("exports.yaml"), localized(example("yaml")));
        Files.writeString(folder.resolve("failures.xml"), localized(example("xml")));
        RouteFiles files = new RouteFiles(camel, new RouteGroups(camel), folder);
        files.scan();
        assertNotNull(camel.getRoute("exports-backup-yaml"));
        assertNotNull(camel.getRoute("failures-to-file"));

        Files.writeString(exports.resolve("report.csv"), "q1,q2\n1,2\n");
        awaitSnapshotTagged("exports");
        template.sendBody("direct:restore-report", null);
        assertEquals("q1,q2\n1,2\n", Files.readString(restored.resolve("report.csv")));

        breakRepositoryAndCheck();
        await("the CHECK_FAILED event reached the XML route's file: endpoint").atMost(TIMEOUT)
                .until(() -> names(failures).stream().anyMatch(n -> n.startsWith("CHECK_FAILED-")));
        files.close();
    }

    /** The code block after {@code <!-- example: name -->} in docs/component.md. */
    static String example(String name) throws IOException {
        Matcher m = Pattern.compile("<!-- example: " + name + " -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertTrue(m.find(), "docs/component.md has no example '" + name + "'");
        return m.group(1);
    }

    private String localized(String example) {
        return example.replace("/srv/exports", exports.toString()).replace("/srv/restored", restored.toString())
                .replace("/var/log/stowage-failures", failures.toString());
    }

    private SnapshotInfo awaitSnapshotTagged(String tag) {
        return await("a snapshot tagged " + tag).atMost(TIMEOUT).until(() -> repository.services(() -> null,
                new StowageEvents(Clock.systemUTC())).snapshots().snapshots().stream()
                .filter(s -> s.tags().contains(tag)).findFirst().orElse(null), s -> s != null);
    }

    /** A real fault: the device loses its data packs; the check through stowage: then publishes CHECK_FAILED. */
    private void breakRepositoryAndCheck() throws IOException {
        try (Stream<Path> packs = Files.walk(device.resolve("data"))) {
            for (Path pack : packs.filter(Files::isRegularFile).toList()) {
                Files.delete(pack);
            }
        }
        template.requestBody("stowage:check?failOnError=false", (Object) null);
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
