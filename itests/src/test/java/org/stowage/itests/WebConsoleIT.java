package org.stowage.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser console end to end, in a headless Chromium (Debian chromium and chromium-driver) against the
 * distribution started with its own scripts: log in with the generated user (keyboard only), start a backup and watch
 * its row go from RUNNING with progress to SUCCEEDED without a reload (Server-Sent Events), browse the snapshot,
 * restore a folder and find it on disk, mark a device busy. Screenshots of each page go to
 * {@code target/web-console-screenshots/}; the charts must have drawn (non-empty canvases), the pages must fit a
 * phone's width, the sections must be reachable with the keyboard, and the browser must log no error. Runs in the test JVM.
 */
public class WebConsoleIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path FOLDER = Path.of("target", "web-console", Long.toString(System.nanoTime()))
            .toAbsolutePath();
    private static final Path SHOTS = Path.of("target", "web-console-screenshots").toAbsolutePath();

    private static UnpackedKaraf karaf;
    private static ChromeDriver browser;
    private static String base;

    @BeforeClass
    public static void startKarafAndBrowser() throws Exception {
        karaf = UnpackedKaraf.unpack(FOLDER.resolve("karaf"));
        karaf.setKey("etc/org.stowage.repository.cfg", "warmup", "false");
        karaf.start(BOOT_TIMEOUT);
        base = "http://127.0.0.1:" + karaf.key("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (karaf != null) {
            karaf.stop();
        }
        UnpackedKaraf.deleteUnlessKept(FOLDER);
    }

    @Test
    public void logInBackUpWatchItLiveBrowseRestoreAFolderAndMarkADeviceBusy() throws Exception {
        Path source = SourceTrees.create(FOLDER.resolve("source"), 71);
        Files.write(source.resolve("big.bin"), SourceTrees.random(72, 128 << 20)); // long enough to watch
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));

        browser.get(base + "/stowage/");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("user")));
        shot("login");
        user.sendKeys("karaf");
        browser.findElement(By.name("password")).sendKeys(password() + Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("backup-form")));

        // the row of the backup, as the page shows it over time: state and progress, without a reload
        js("window.noReload = true; window.seen = [];"
                + "new MutationObserver(() => document.querySelectorAll('#tasks tr[data-task]').forEach(r => {"
                + "  if (r.children[0].textContent.startsWith('Backup of')) {"
                + "    window.seen.push(r.children[1].textContent + '|' + (r.querySelector('progress') ? 'bar'"
                + "      : r.children[2].textContent)); } }))"
                + ".observe(document.getElementById('view'), {subtree: true, childList: true, characterData: true});");
        browser.findElement(By.name("paths")).sendKeys(source.toString());
        browser.findElement(By.name("tags")).sendKeys("web-console" + Keys.ENTER);
        wait.until(d -> String.valueOf(js("return window.seen.join(',')")).contains("SUCCEEDED"));
        List<?> seen = (List<?>) js("return window.seen");
        assertEquals("the page was not reloaded", Boolean.TRUE, js("return window.noReload"));
        assertTrue("the backup's row showed progress while RUNNING: " + seen,
                seen.stream().anyMatch(s -> s.toString().startsWith("RUNNING|") && s.toString().length() > 8));
        shot("dashboard-backup");

        // keyboard only: Tab from the top of the page to the Jobs link, Enter
        js("document.activeElement.blur(); window.scrollTo(0, 0);");
        Actions keys = new Actions(browser);
        for (int tab = 0; tab < 10 && !"Jobs".equals(browser.switchTo().activeElement().getText()); tab++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertEquals("Tab reaches the Jobs link", "Jobs", browser.switchTo().activeElement().getText());
        keys.sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h2"), "Jobs"));
        shot("jobs");
        browser.get(base + "/stowage/#dashboard");
        wait.until(d -> ((Number) js("return document.querySelectorAll('canvas').length")).intValue() >= 2);
        wait.until(d -> drawnCanvases() >= 2);
        shot("dashboard");

        // a first visit's bytes: every resource's body, whether or not this browser has it cached by now
        browser.get("about:blank");
        browser.get(base + "/stowage/#dashboard");
        wait.until(d -> drawnCanvases() >= 3);
        long bytes = ((Number) js("return performance.getEntriesByType('navigation').concat("
                + "performance.getEntriesByType('resource')).filter(e => !e.name.endsWith('/events'))"
                + ".reduce((n, e) => n + e.encodedBodySize, 0)")).longValue();
        System.out.println("dashboard first load: " + bytes + " bytes, drawn after "
                + js("return Math.round(performance.now())") + " ms");
        assertTrue("the dashboard loads " + bytes + " bytes, more than 300 KiB", bytes > 0 && bytes <= 300 << 10);

        browser.findElement(By.linkText("Snapshots")).click();
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#view table a[href^='#snapshots/']")));
        shot("snapshots");
        String id = first.getAttribute("href").replaceAll(".*#snapshots/", "");
        browser.get(base + "/stowage/#snapshots/" + id + source);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("nested/"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("deeper/")));
        List<WebElement> crumbs = browser.findElements(By.cssSelector(".crumbs a"));
        assertEquals("the last crumb names the folder", "nested", crumbs.get(crumbs.size() - 1).getText());
        shot("browse");
        browser.findElement(By.xpath("//button[text()='Show changes']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff"), "0 changes"));
        browser.findElement(By.cssSelector("#restore-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("message"), java.util.regex.Pattern.compile(
                "Restore of .*(SUCCEEDED|FAILED)")));
        assertTrue(browser.findElement(By.id("message")).getText(),
                browser.findElement(By.id("message")).getText().contains("SUCCEEDED"));
        Path restored = karaf.home().resolve("data/stowage/restore").resolve(id.substring(0, 8))
                .resolve(source.toString().substring(1)).resolve("nested/deeper/data.bin");
        assertArrayEquals(Files.readAllBytes(source.resolve("nested/deeper/data.bin")), Files.readAllBytes(restored));

        browser.findElement(By.linkText("Devices")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Mark busy']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("td.state-BUSY")));
        shot("devices");
        browser.findElement(By.linkText("Check & retention")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h2"), "Check"));
        shot("maintenance");

        browser.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("dashboard", "snapshots", "devices")) {
            browser.get(base + "/stowage/#" + page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view h2")));
            Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(page + " is wider than a phone by " + overflow + " px", overflow.intValue() <= 0);
            shot(page + "-phone");
        }

        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals("the browser logged errors", List.of(), errors);
    }

    /** Canvases with at least one drawn pixel. */
    private int drawnCanvases() {
        return ((Number) js("return Array.from(document.querySelectorAll('canvas')).filter(c => {"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " for (let i = 3; i < d.length; i += 4) { if (d[i]) return true; } return false; }).length"))
                .intValue();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void shot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The generated password of user karaf (the part before the first comma). */
    private static String password() throws Exception {
        for (String line : Files.readAllLines(karaf.home().resolve("etc/users.properties"))) {
            if (line.startsWith("karaf")) {
                String value = line.substring(line.indexOf('=') + 1).trim();
                return value.substring(0, value.indexOf(','));
            }
        }
        throw new AssertionError("etc/users.properties holds no generated user karaf");
    }
}
