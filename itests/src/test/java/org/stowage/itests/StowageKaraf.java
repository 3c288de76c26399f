package org.stowage.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Pax Exam configuration every Stowage integration test starts from: the project's own Karaf assembly, booted
 * offline against the local Maven repository of the running build.
 *
 * <p>Runs in the driver JVM only (from a {@code @Configuration} method). Tests add their own options with
 * {@link #options(Option...)}, e.g. {@code editConfigurationFilePut("etc/org.stowage.job-x.cfg", ...)}.
 *
 * <p>The HTTP server (feature stowage-web) listens on a free port, not 8181, so that the Karaf runs beside any other
 * on the host; tests read it from the container's system property {@value #HTTP_PORT}.
 *
 * <p>System properties read here (surefire sets the first; the second is for debugging):
 * <ul>
 *   <li>{@code maven.repo.local}: where pax-url finds the assembly and Pax Exam's own bundles; required.</li>
 *   <li>{@code stowage.itest.keepRuntime=true}: keep {@code target/exam/<uuid>/} (about 130 MB per run) to read
 *       {@code data/log/karaf.log} after a failure. Exceptions thrown inside Karaf often reach the driver only as
 *       RMI {@code ClassNotFoundException}; the real error is in that log.</li>
 * </ul>
 */
public final class StowageKaraf {

    /** System property in the container: the port of its HTTP server. */
    public static final String HTTP_PORT = "stowage.itest.http.port";

    private StowageKaraf() {
    }

    /** {@link #options(Option...)} plus Awaitility and Hamcrest in the container, for tests that wait with it. */
    public static Option[] withAwaitility(Option... extra) {
        List<Option> options = new ArrayList<>(List.of(
                mavenBundle("org.hamcrest", "hamcrest").versionAsInProject(),
                mavenBundle("org.awaitility", "awaitility").versionAsInProject()));
        options.addAll(Arrays.asList(extra));
        return options(options.toArray(new Option[0]));
    }

    public static Option[] options(Option... extra) {
        String localRepo = System.getProperty("maven.repo.local");
        if (localRepo == null || localRepo.isBlank()) {
            throw new IllegalStateException("System property maven.repo.local is not set: run the integration tests "
                    + "through Maven (`mvn install`), whose surefire configuration passes the local repository");
        }
        String pid = "etc/org.ops4j.pax.url.mvn.cfg";
        List<Option> options = new ArrayList<>(Arrays.asList(
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.stowage").artifactId("stowage-karaf-assembly")
                                .type("tar.gz").versionAsInProject())
                        .name("Stowage")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                // no local console, no sshd (so no clash with a standalone Karaf on 8101); RMI ports are randomised
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                // inside Karaf: resolve only from the build's local repository, never from the network
                editConfigurationFilePut(pid, "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut(pid, "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut(pid, "org.ops4j.pax.url.mvn.offline", "true")));
        String httpPort = Integer.toString(FreePorts.pick());
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort));
        options.add(systemProperty(HTTP_PORT).value(httpPort));
        if (Boolean.getBoolean("stowage.itest.keepRuntime")) {
            options.add(keepRuntimeFolder());
        }
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }
}
