package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.staging.DeviceStaging;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.StagedBlob;
import org.stowage.api.staging.StagingReport;
import org.stowage.api.staging.StagingService;

/** stowage:staging and stowage:drain against a stand-in staging service. */
class StagingCommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final StubStaging staging = new StubStaging();

    @Test
    void stagingShowsTheLimitWithWhyAndEachDevicesQueue() throws Exception {
        StagingCommand command = with(new StagingCommand());
        command.staging = staging;
        command.execute();
        String text = text();
        assertTrue(text.startsWith("Staging uses 3.0 MiB of 1.0 GiB (4.0 MiB on disk); limit 1.0 GiB: devices need"),
                text);
        assertTrue(line(text, "tape1").contains("BUSY, paused") && line(text, "tape1").contains("data/p1"), text);
        assertTrue(line(text, "tape1").contains("3.0 MiB") && line(text, "tape1").contains("12.0"), text);
        assertTrue(text.contains("tape1: sequential, 10.0 MiB/s"), text);
        assertTrue(line(text, "local").contains("IDLE") && line(text, "local").contains(" - "), text);
    }

    @Test
    void stagingJsonHasNumbersAndPlainOldestItems() throws Exception {
        StagingCommand command = with(new StagingCommand());
        command.staging = staging;
        command.json = true;
        command.execute();
        String text = text();
        assertTrue(text.contains("\"limitBytes\" : 1073741824") && text.contains("\"stagedItems\" : 2"), text);
        assertTrue(text.contains("\"oldest\" : \"data/p1\"")
                && text.contains("\"oldestStagedAt\" : \"2026-03-01T10:00:00Z\""), text);
        assertTrue(text.contains("\"paused\" : true") && text.contains("\"drainBytesPerSecond\" : 1.2582912E7"),
                text);
    }

    @Test
    void drainDrainsNowAndSaysWhyItEnded() throws Exception {
        DrainCommand command = with(new DrainCommand());
        command.staging = staging;
        command.id = "tape1";
        command.execute();
        assertEquals(List.of("drain tape1"), staging.calls);
        assertTrue(text().startsWith("Drained 2 blob(s), 3.0 MiB to device 'tape1' in ")
                && text().contains("the device is BUSY (cleaning); the rest drains when it is IDLE"), text());

        command.id = "nobody";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertEquals("staging knows no device 'nobody'", e.getMessage());
    }

    @Test
    void drainPausesAndResumesAndRefusesBoth() throws Exception {
        DrainCommand command = with(new DrainCommand());
        command.staging = staging;
        command.id = "tape1";
        command.pause = true;
        command.execute();
        assertTrue(text().contains("paused; puts for it are still staged. Resume with: stowage:drain tape1 --resume"),
                text());
        command.pause = false;
        command.resume = true;
        command.execute();
        command.pause = true;
        assertThrows(CommandException.class, command::execute);
        assertEquals(List.of("pause tape1", "resume tape1"), staging.calls);
    }

    @Test
    void withoutTheStagingServiceTheCommandsExplain() {
        CommandException e = assertThrows(CommandException.class, with(new StagingCommand())::execute);
        assertTrue(e.getMessage().startsWith("The Stowage service StagingService is not available"), e.getMessage());
    }

    private <T extends StowageAction> T with(T command) {
        command.out = out;
        return command;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing) && !l.contains(": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no table line with " + containing + " in\n" + text));
    }

    /** Answers with a fixed report and records what was asked of it. */
    private static final class StubStaging implements StagingService {
        final List<String> calls = new ArrayList<>();

        @Override
        public Device staged(Device device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DrainResult drain(String deviceId) {
            if (!deviceId.equals("tape1")) {
                throw new IllegalArgumentException("staging knows no device '" + deviceId + "'");
            }
            calls.add("drain " + deviceId);
            return new DrainResult(deviceId, DrainResult.End.DEVICE_BUSY, 2, 3L << 20, Duration.ofSeconds(4),
                    "cleaning");
        }

        @Override
        public void pause(String deviceId) {
            calls.add("pause " + deviceId);
        }

        @Override
        public void resume(String deviceId) {
            calls.add("resume " + deviceId);
        }

        @Override
        public StagingReport report() {
            DeviceStaging tape = new DeviceStaging("tape1", DeviceState.BUSY, "cleaning", 3L << 20, 2,
                    Optional.of(new StagedBlob(BlobName.of(BlobType.DATA, "p1"), 1L << 20,
                            Instant.parse("2026-03-01T10:00:00Z"))), 6L << 30,
                    "sequential, 10.0 MiB/s × max(never seen busy, streaming run 10m) = 5.9 GiB", 12 * 1024 * 1024,
                    true, false, "");
            DeviceStaging local = new DeviceStaging("local", DeviceState.IDLE, "", 0, 0, Optional.empty(), 0, "",
                    0, false, false, "");
            return new StagingReport(true, 1L << 30, "limit 1.0 GiB: devices need 5.9 GiB, capped at the maximum",
                    3L << 20, 4L << 20, List.of(local, tape));
        }
    }
}
