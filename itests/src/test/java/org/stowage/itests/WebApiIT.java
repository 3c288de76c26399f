package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;

import org.apache.karaf.features.BootFinished;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The REST API of feature stowage-web in the assembly, over loopback with java.net.http: every endpoint refuses a
 * caller without login (401), without the role (403) and a state change without the CSRF header (403); bad input is
 * a 400 that says what to write; an operator backs up, follows the task live (Server-Sent Events), browses, downloads
 * and restores below the allowed roots only; an admin manages jobs; devices, check and retention work for the roles
 * they should. No answer holds the repository password or a user's password.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebApiIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Users of etc/users.properties, one per role, and one with no Stowage role. */
    private static final Map<String, String> PASSWORDS = Map.of("itadmin", "Adm1n-pw-7731", "itoper",
            "Oper-pw-5521", "itview", "View-pw-9034", "itnobody", "Nobody-pw-1187");
    private static final List<String> ROLES = List.of("viewer", "operator", "admin");

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    MBeanServer mbeanServer;

    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] config() {
        String users = "etc/users.properties";
        return StowageKaraf.withAwaitility(
                editConfigurationFilePut(users, "itadmin", PASSWORDS.get("itadmin") + ",_g_:admingroup"),
                editConfigurationFilePut(users, "itoper", PASSWORDS.get("itoper") + ",operator"),
                editConfigurationFilePut(users, "itview", PASSWORDS.get("itview") + ",viewer"),
                editConfigurationFilePut(users, "itnobody", PASSWORDS.get("itnobody") + ",ssh"));
    }

    @Before
    public void apiIsUpAndTheRepositoryReady() {
        WebClient admin = client("itadmin");
        await("the web API answering and the repository READY").atMost(TIMEOUT).ignoreExceptions()
                .until(() -> "READY".equals(admin.get("/stowage/api/repository").json().path("state").asText()));
    }

    @Test
    public void everyEndpointRefusesCallersWithoutLoginOrRoleAndStateChangesWithoutCsrf() throws Exception {
        JsonNode paths = client("itview").get("/stowage/api/openapi.json").json().path("paths");
        int checked = 0;
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String path = "/stowage/api" + template.replace("{id}", "latest").replace("{name}", "itest-none");
            for (Iterator<String> methods = paths.path(template).fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                String role = paths.path(template).path(method.toLowerCase(java.util.Locale.ROOT))
                        .path("x-stowage-role").asText();
                if (!ROLES.contains(role)) {
                    continue; // the login, and the session question the console asks before it
                }
                String call = method + " " + path;
                WebClient.Answer anonymous = new WebClient(port(), bodies).send(method, path, "{}");
                assertEquals(call + " without login: " + anonymous, 401, anonymous.status());
                assertTrue(call + ": " + anonymous, anonymous.error().contains("Log in first"));
                WebClient.Answer nobody = client("itnobody").send(method, path, "{}");
                assertEquals(call + " by a user without a Stowage role: " + nobody, 403, nobody.status());
                assertTrue(nobody.error(), nobody.error().contains("none of the Karaf roles"));
                for (String lower : ROLES.subList(0, ROLES.indexOf(role))) {
                    WebClient.Answer refused = client(userOf(lower)).send(method, path, "{}");
                    assertEquals(call + " as " + lower + ": " + refused, 403, refused.status());
                    assertTrue(refused.error(), refused.error().contains("needs the " + role + " role"));
                }
                if (!method.equals("GET")) {
                    WebClient.Answer noCsrf = client(userOf(role)).withoutCsrf().send(method, path, "{}");
                    assertEquals(call + " without CSRF header: " + noCsrf, 403, noCsrf.status());
                    assertTrue(noCsrf.error(), noCsrf.error().contains("CSRF"));
                }
                checked++;
            }
        }
        assertTrue("only " + checked + " endpoints were checked", checked >= 30);
        WebClient.Answer noSession = new WebClient(port(), bodies).get("/stowage/api/session");
        assertEquals(noSession.toString(), 200, noSession.status());
        assertTrue(noSession.toString(), noSession.json().path("user").isNull());
        WebClient.Answer wrong = new WebClient(port(), bodies).basic("itadmin", "not-the-password")
                .get("/stowage/api/repository");
        assertEquals(401, wrong.status());
        assertTrue(wrong.error(), wrong.error().contains("User name or password is wrong"));
        assertNoSecret();
    }

    @Test
    public void badInputIsA400ThatSaysWhatToWrite() throws Exception {
        WebClient admin = client("itadmin");
        assertBad(admin.send("POST", "/stowage/api/forget", "{\"policy\": \"bogus=1\"}"), "policy");
        assertBad(admin.send("POST", "/stowage/api/forget", "{\"policy\": "), "not valid JSON");
        assertBad(admin.send("POST", "/stowage/api/backups", "{\"paths\": [\"relative/path\"]}"), "not absolute");
        assertBad(admin.send("POST", "/stowage/api/backups", "{}"), "paths");
        assertBad(admin.send("PUT", "/stowage/api/jobs/itest-bad", "{\"paths\": [\"/tmp\"], \"schedule\": "
                + "\"tomorrow\"}"), "cron");
        assertBad(admin.send("PUT", "/stowage/api/jobs/itest-bad", "{\"paths\": [\"/tmp\"], \"schedule\": "
                + "\"0 0 2 * * ?\", \"colour\": \"red\"}"), "not known");
        assertBad(admin.send("PUT", "/stowage/api/jobs/bad%20name", "{}"), "not valid");
        assertBad(admin.get("/stowage/api/snapshots?limit=many"), "limit");
        assertBad(admin.send("POST", "/stowage/api/devices/local/probe", "{\"size\": \"4 parsecs\"}"), "size");
        assertBad(admin.send("POST", "/stowage/api/devices/local/busy", "{\"until\": \"soon\"}"), "ISO instant");
        assertBad(admin.send("POST", "/stowage/api/snapshots/latest/restore", "{}"), "target");
        assertBad(admin.send("POST", "/stowage/api/snapshots/latest/restore", "{\"target\": \"relative\"}"),
                "not an absolute path");
        Path below = Path.of(System.getProperty("karaf.data"), "stowage", "restore", "bad-input");
        assertBad(admin.send("POST", "/stowage/api/snapshots/latest/restore", "{\"target\": \"" + below + "\", "
                + "\"overwrite\": \"sometimes\"}"), "overwrite");
        assertEquals(404, admin.get("/stowage/api/snapshots/ffffffffffff").status());
        assertEquals(404, admin.get("/stowage/api/devices/no-such-device").status());
        assertEquals(404, admin.get("/stowage/api/nothing-here").status());
        assertEquals(405, admin.send("DELETE", "/stowage/api/snapshots", null).status());
        WebClient guesser = new WebClient(port(), bodies).basic("itghost", "guess");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.get("/stowage/api/repository").status());
        }
        WebClient.Answer throttled = guesser.get("/stowage/api/repository");
        assertEquals(throttled.toString(), 429, throttled.status());
        assertTrue(throttled.error(), throttled.error().contains("Too many failed logins"));
        assertNoSecret();
    }

    @Test
    public void anOperatorBacksUpFollowsItLiveBrowsesDownloadsAndRestoresBelowTheRootsOnly() throws Exception {
        Path source = SourceTrees.create(Path.of(System.getProperty("karaf.data"), "itest-web", "source"), 61);
        Path many = Files.createDirectories(source.resolve("many"));
        for (int i = 0; i < 1200; i++) {
            Files.createFile(many.resolve(String.format("f%04d", i)));
        }
        WebClient operator = new WebClient(port(), bodies);
        WebClient.Answer login = operator.login("itoper", PASSWORDS.get("itoper"));
        assertEquals(login.toString(), 200, login.status());
        assertEquals("operator", login.json().path("role").asText());
        assertTrue(login.raw().headers().firstValue("Set-Cookie").orElseThrow().contains("HttpOnly"));

        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = operator.events();
        CompletableFuture<Void> reading = stream.thenAccept(r -> r.body().forEach(events::add));
        await("the event stream open").atMost(Duration.ofSeconds(30)).until(() -> events.contains(": stowage events"));

        WebClient.Answer started = operator.send("POST", "/stowage/api/backups", "{\"paths\": [\"" + source
                + "\"], \"tags\": [\"itest-web\"]}");
        assertEquals(started.toString(), 202, started.status());
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        JsonNode task = awaitTask(operator, location);
        assertEquals(task.toString(), "SUCCEEDED", task.path("state").asText());
        String snapshot = task.path("result").path("id").asText();
        assertTrue("the stream carried the backup's progress: " + events,
                events.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"kind\":\"backup\"")
                        && l.contains("\"progress\":{")));
        reading.cancel(true);

        JsonNode list = operator.get("/stowage/api/snapshots?tag=itest-web").json();
        assertEquals(snapshot, list.path("items").get(0).path("id").asText());
        JsonNode tree = operator.get("/stowage/api/snapshots/" + snapshot + "/tree?path=" + source).json();
        assertTrue(tree.toString(), tree.path("total").asInt() >= 6);
        assertEquals("folders first", "DIR", tree.path("items").get(0).path("type").asText());
        JsonNode page = operator.get("/stowage/api/snapshots/" + snapshot + "/tree?path=" + many
                + "&offset=1000&limit=500").json();
        assertEquals("a large folder comes in pages: " + page.path("total"), 1200, page.path("total").asInt());
        assertEquals(200, page.path("items").size());
        assertEquals(many + "/f1000", page.path("items").get(0).path("path").asText());
        WebClient.Answer file = operator.get("/stowage/api/snapshots/" + snapshot + "/download?path=" + source
                + "/nested/deeper/data.bin");
        assertEquals(200, file.status());
        assertArrayEquals(Files.readAllBytes(source.resolve("nested/deeper/data.bin")), file.raw().body());

        Path roots = Path.of(System.getProperty("karaf.data"), "stowage", "restore");
        WebClient.Answer outside = operator.send("POST", "/stowage/api/snapshots/" + snapshot + "/restore",
                "{\"target\": \"/tmp/itest-web-outside\"}");
        assertEquals(outside.toString(), 403, outside.status());
        assertTrue(outside.error(), outside.error().contains("outside the allowed restore roots"));
        Path target = roots.resolve("itest");
        WebClient.Answer restore = operator.send("POST", "/stowage/api/snapshots/" + snapshot + "/restore",
                "{\"target\": \"" + target + "\", \"include\": [\"" + source + "/nested\"], \"verify\": true}");
        assertEquals(restore.toString(), 202, restore.status());
        JsonNode restored = awaitTask(operator, restore.raw().headers().firstValue("Location").orElseThrow());
        assertEquals(restored.toString(), "SUCCEEDED", restored.path("state").asText());
        Path copy = target.resolve(source.toString().substring(1)).resolve("nested/deeper/data.bin");
        assertArrayEquals(Files.readAllBytes(source.resolve("nested/deeper/data.bin")), Files.readAllBytes(copy));
        assertFalse("only the included folder", Files.exists(target.resolve(source.toString().substring(1))
                .resolve("hello.txt")));

        JsonNode diff = operator.get("/stowage/api/snapshots/" + snapshot + "/diff?to=" + snapshot).json();
        assertEquals(0, diff.path("changes").size());
        assertEquals(200, operator.send("POST", "/stowage/api/logout", null).status());
        assertTrue("logged out", operator.get("/stowage/api/session").json().path("user").isNull());
        assertEquals("the old session cookie opens nothing", 401, operator.get("/stowage/api/repository").status());
        assertNoSecret();
    }

    @Test
    public void anAdminCreatesAJobAnOperatorRunsItAndItsHistoryShowsTheRun() throws Exception {
        Path source = SourceTrees.create(Path.of(System.getProperty("karaf.data"), "itest-web", "job-source"), 62);
        Files.write(source.resolve("big.bin"), SourceTrees.random(63, 96 << 20)); // a run long enough to report
        WebClient admin = client("itadmin");
        WebClient.Answer viewerSave = client("itview").send("PUT", "/stowage/api/jobs/itest-web", "{}");
        assertEquals(403, viewerSave.status());
        WebClient.Answer created = admin.send("PUT", "/stowage/api/jobs/itest-web", "{\"paths\": [\"" + source
                + "\"], \"schedule\": \"0 0 3 * * ?\", \"retention\": \"last=5\", \"enabled\": false}");
        assertEquals(created.toString(), 201, created.status());
        WebClient operator = client("itoper");
        await("the routing bundle's job itest-web").atMost(TIMEOUT).until(() -> operator.get(
                "/stowage/api/jobs/itest-web").json().path("schedule").asText().equals("0 0 3 * * ?"));
        WebClient.Answer run = operator.send("POST", "/stowage/api/jobs/itest-web/run", null);
        assertEquals(run.toString(), 202, run.status());
        JsonNode task = awaitTask(operator, run.raw().headers().firstValue("Location").orElseThrow());
        assertEquals(task.toString(), "SUCCEEDED", task.path("state").asText());
        assertTrue("the job run reported its backup's progress: " + task, task.path("progress").path("bytesDone")
                .asLong() > 0);
        JsonNode job = operator.get("/stowage/api/jobs/itest-web").json();
        assertEquals(job.toString(), 1, job.path("history").size());
        assertEquals(1, job.path("runs").asInt());
        assertEquals("last=5", job.path("config").path("retention").asText());

        assertEquals(200, admin.send("DELETE", "/stowage/api/jobs/itest-web", null).status());
        await("job itest-web gone").atMost(TIMEOUT).until(() -> operator.get("/stowage/api/jobs/itest-web")
                .status() == 404);
        assertNoSecret();
    }

    @Test
    public void devicesCheckAndRetentionForTheRolesTheyShould() throws Exception {
        WebClient viewer = client("itview");
        WebClient operator = client("itoper");
        JsonNode devices = viewer.get("/stowage/api/devices").json();
        assertEquals(devices.toString(), "local", devices.get(0).path("id").asText());
        JsonNode busy = operator.send("POST", "/stowage/api/devices/local/busy", "{\"reason\": \"itest web\"}")
                .json();
        assertEquals(busy.toString(), "BUSY", busy.path("state").asText());
        assertEquals("itest web", busy.path("reason").asText());
        assertEquals("IDLE", operator.send("POST", "/stowage/api/devices/local/idle", null).json().path("state")
                .asText());
        JsonNode probe = operator.send("POST", "/stowage/api/devices/local/probe", "{\"size\": \"64k\"}").json();
        assertEquals(probe.toString(), 65536, probe.path("bytes").asLong());
        await("a device sample for the charts").atMost(Duration.ofSeconds(30))
                .until(() -> viewer.get("/stowage/api/devices/local/history").json().path("time").size() > 0);

        WebClient.Answer check = operator.send("POST", "/stowage/api/check", "{\"readData\": true}");
        assertEquals(check.toString(), 202, check.status());
        JsonNode checked = awaitTask(operator, check.raw().headers().firstValue("Location").orElseThrow());
        assertEquals(checked.toString(), "SUCCEEDED", checked.path("state").asText());
        assertEquals(0, viewer.get("/stowage/api/check").json().path("last").path("result").path("errors").size());

        JsonNode preview = operator.send("POST", "/stowage/api/forget", "{\"policy\": \"last=1\", \"dryRun\": true}")
                .json();
        assertTrue(preview.toString(), preview.path("dryRun").asBoolean());
        WebClient.Answer apply = operator.send("POST", "/stowage/api/forget", "{\"policy\": \"last=1000\", "
                + "\"dryRun\": false}");
        assertEquals(apply.toString(), 403, apply.status());
        assertTrue(apply.error(), apply.error().contains("needs the admin role"));
        assertEquals(403, operator.send("POST", "/stowage/api/prune", "{\"dryRun\": false}").status());
        WebClient.Answer prune = operator.send("POST", "/stowage/api/prune", "{\"dryRun\": true}");
        assertEquals(prune.toString(), 202, prune.status());
        assertEquals("SUCCEEDED", awaitTask(operator, prune.raw().headers().firstValue("Location").orElseThrow())
                .path("state").asText());
        assertNoSecret();
    }

    @Test
    public void theFiguresAreOnJmx() throws Exception {
        ObjectName name = new ObjectName("org.stowage:type=Metrics");
        await("MBean " + name).atMost(Duration.ofSeconds(30)).until(() -> mbeanServer.isRegistered(name));
        assertEquals("READY", mbeanServer.getAttribute(name, "RepositoryState"));
        int snapshots = (Integer) mbeanServer.getAttribute(name, "Snapshots");
        assertEquals(client("itview").get("/stowage/api/repository").json().path("snapshots").asInt(), snapshots);
        TabularData states = (TabularData) mbeanServer.getAttribute(name, "DeviceStates");
        assertEquals("the local device's state on JMX: " + states, "IDLE",
                states.get(new Object[] {"local"}).get("value"));
        assertTrue((Long) mbeanServer.getAttribute(name, "StoredBytes") >= 0);
        assertTrue((Integer) mbeanServer.getAttribute(name, "TasksActive") >= 0);
    }

    private JsonNode awaitTask(WebClient client, String location) {
        JsonNode[] last = new JsonNode[1];
        await("task " + location + " finished").atMost(TIMEOUT).until(() -> {
            last[0] = client.get(location).json();
            return last[0].path("finished").isTextual();
        });
        return last[0];
    }

    private static void assertBad(WebClient.Answer answer, String mentions) {
        assertEquals(answer.toString(), 400, answer.status());
        assertTrue("the message should mention '" + mentions + "': " + answer, answer.error().contains(mentions));
    }

    /** No answer holds the repository password or a user's password. */
    private void assertNoSecret() throws IOException {
        Path passwordFile = Path.of(System.getProperty("karaf.etc"), "stowage", "repository.password");
        String repositoryPassword = Files.readString(passwordFile).trim();
        assertTrue(repositoryPassword.length() >= 8);
        for (String body : bodies) {
            assertFalse("an answer holds the repository password", body.contains(repositoryPassword));
            for (String password : PASSWORDS.values()) {
                assertFalse("an answer holds a user's password: " + body, body.contains(password));
            }
        }
    }

    private WebClient client(String user) {
        return new WebClient(port(), bodies).basic(user, PASSWORDS.get(user));
    }

    private static String userOf(String role) {
        return switch (role) {
            case "viewer" -> "itview";
            case "operator" -> "itoper";
            default -> "itadmin";
        };
    }

    private static int port() {
        return Integer.getInteger(StowageKaraf.HTTP_PORT); // a free one (StowageKaraf), not 8181
    }
}
