package org.stowage.routing.internal.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.routing.internal.component.EngineRepository;
import org.stowage.routing.internal.component.StowageComponent;
import org.stowage.routing.internal.component.StowageEvents;

/** YAML and XML route files using stowage: endpoints, loaded, reloaded and removed by scans of their folder. */
class RouteFilesTest {

    static final String YAML = """
            - route:
                id: yaml-backup
                from:
                  uri: direct:yaml-in
                  steps:
                    - to: stowage:backup?fileName=from-yaml.txt&tags=yaml
                    - to: mock:yaml-out
            """;
    static final String XML = """
            <routes xmlns="http://camel.apache.org/schema/spring">
              <route id="xml-events">
                <from uri="stowage:events?types=SNAPSHOT_SAVED"/>
                <to uri="mock:xml-out"/>
              </route>
            </routes>
            """;

    @TempDir
    Path device;
    @TempDir
    Path folder;

    private EngineRepository repository;
    private DefaultCamelContext camel;
    private RouteFiles files;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        repository = new EngineRepository(device);
        camel = new DefaultCamelContext();
        camel.addComponent("stowage", new StowageComponent(repository.services(() -> {
            throw new UnsupportedOperationException("no jobs");
        }, new StowageEvents(Clock.systemUTC()))));
        camel.start();
        files = new RouteFiles(camel, new RouteGroups(camel), folder);
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        files.close();
        camel.close();
        repository.close();
    }

    @Test
    void yamlAndXmlFilesRunTheirRoutesAndStopWhenDeleted() throws Exception {
        Files.writeString(folder.resolve("backup.yaml"), YAML);
        Files.writeString(folder.resolve("events.xml"), XML);
        Files.writeString(folder.resolve("notes.txt"), "not a route file");
        files.scan();

        MockEndpoint yamlOut = camel.getEndpoint("mock:yaml-out", MockEndpoint.class);
        MockEndpoint xmlOut = camel.getEndpoint("mock:xml-out", MockEndpoint.class);
        yamlOut.expectedMessageCount(1);
        xmlOut.expectedMessageCount(1);
        template.sendBody("direct:yaml-in", "a message backed up by a YAML route");
        yamlOut.assertIsSatisfied(10_000);
        xmlOut.assertIsSatisfied(10_000);
        SnapshotInfo saved = yamlOut.getReceivedExchanges().get(0).getMessage().getBody(SnapshotInfo.class);
        assertEquals(List.of("/from-yaml.txt"), saved.paths());
        assertEquals(saved, xmlOut.getReceivedExchanges().get(0).getMessage().getBody());

        Files.delete(folder.resolve("backup.yaml"));
        Files.delete(folder.resolve("events.xml"));
        files.scan();
        assertNull(camel.getRoute("yaml-backup"));
        assertNull(camel.getRoute("xml-events"));
    }

    @Test
    void aChangedFileReplacesItsRoutesAndABrokenOneRunsNothingUntilFixed() throws Exception {
        Path file = folder.resolve("backup.yaml");
        Files.writeString(file, YAML);
        files.scan();
        assertTrue(camel.getRoute("yaml-backup") != null);

        Files.writeString(file, "- route:\n    id: [unclosed\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5))); // a change the scan must see
        files.scan();
        assertNull(camel.getRoute("yaml-backup"), "the old routes go with the old content");

        Files.writeString(file, YAML.replace("yaml-backup", "yaml-backup-2"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        files.scan();
        assertTrue(camel.getRoute("yaml-backup-2") != null);
        assertNull(camel.getRoute("yaml-backup"));
    }

    @Test
    void aFileWhoseRouteIdIsTakenLeavesTheRunningRouteAlone() throws Exception {
        Files.writeString(folder.resolve("a.yaml"), YAML);
        files.scan();
        Files.writeString(folder.resolve("b.yaml"), YAML.replace("direct:yaml-in", "direct:other"));
        files.scan();
        assertEquals("direct://yaml-in", camel.getRoute("yaml-backup").getEndpoint().getEndpointUri(),
                "the second file's clash does not take the first file's route away");
    }
}
