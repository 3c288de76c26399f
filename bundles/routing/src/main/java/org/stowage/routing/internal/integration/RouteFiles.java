package org.stowage.routing.internal.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.dsl.xml.io.XmlRoutesBuilderLoader;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.apache.camel.spi.RoutesBuilderLoader;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route files in a folder ({@code etc/stowage-routes/} by default): each {@code .yaml}/{@code .yml} (Camel YAML DSL)
 * and {@code .xml} (Camel XML DSL) file's routes run on Stowage's CamelContext as one {@link RouteGroups} group. Each
 * {@link #scan()} loads new files, reloads changed ones (modification time or size), and removes the routes of deleted
 * ones: the folder's content is what runs. A file that does not parse or whose routes do not start is logged with the
 * reason and runs nothing until it is saved again. Other files are ignored. Not thread-safe: one scanner thread.
 */
public final class RouteFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);

    private final Path folder;
    private final RouteGroups groups;
    private final RoutesBuilderLoader yaml = new YamlRoutesBuilderLoader();
    private final RoutesBuilderLoader xml = new XmlRoutesBuilderLoader();
    /** The files as the last scan saw them: what decides that a file changed. */
    private final Map<Path, Stamp> seen = new HashMap<>();

    public RouteFiles(CamelContext camel, RouteGroups groups, Path folder) {
        this.folder = folder;
        this.groups = groups;
        // created here, not looked up: in Karaf, Camel's loader lookup by file extension does not see the DSL bundles
        for (RoutesBuilderLoader loader : List.of(yaml, xml)) {
            loader.setCamelContext(camel);
            ServiceHelper.startService(loader);
        }
    }

    public Path folder() {
        return folder;
    }

    /** Brings the routes in line with the folder's files; problems are logged, never thrown to the timer. */
    public void scan() {
        Map<Path, Stamp> now = list();
        for (Path gone : seen.keySet().stream().filter(p -> !now.containsKey(p)).toList()) {
            seen.remove(gone);
            if (groups.remove(gone)) {
                LOG.info("Route file {} was deleted: its routes are stopped and removed", gone);
            }
        }
        now.forEach((file, stamp) -> {
            if (!stamp.equals(seen.get(file))) {
                seen.put(file, stamp);
                load(file);
            }
        });
    }

    private void load(Path file) {
        boolean reload = groups.remove(file);
        try {
            RoutesBuilder builder = loader(file).orElseThrow().loadRoutesBuilder(
                    ResourceHelper.fromBytes("file:" + file, Files.readAllBytes(file)));
            List<String> routes = groups.add(file, builder);
            LOG.info("Route file {} {}: routes {} started", file, reload ? "changed" : "added", routes);
        } catch (Exception | LinkageError e) {
            LOG.error("Route file {} does not parse or its routes do not start: {}. Nothing of it runs; fix the file "
                    + "and save it again", file, describe(e));
        }
    }

    private Map<Path, Stamp> list() {
        Map<Path, Stamp> files = new HashMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(f -> loader(f).isPresent()).toList()) {
                try {
                    if (Files.isRegularFile(file)) {
                        files.put(file, new Stamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
                    }
                } catch (IOException e) {
                    // deleted between listing and reading: the next scan sees it gone
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the route folder {}: {}; route files are not updated until it can be read",
                    folder, e.toString());
            return new HashMap<>(seen);
        }
        return files;
    }

    private Optional<RoutesBuilderLoader> loader(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.of(yaml);
        }
        return name.endsWith(".xml") ? Optional.of(xml) : Optional.empty();
    }

    /** The message of the deepest cause as well, since Camel wraps parse errors several times. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root.getMessage() + ")";
    }

    /** Stops the loaders; the files' routes stop with the CamelContext, which the owner closes next. */
    @Override
    public void close() {
        ServiceHelper.stopService(yaml, xml);
    }

    private record Stamp(long modifiedMillis, long size) {
    }
}
