package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.DeviceDetails.Section;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;

/** stowage:device, device-busy, device-idle and probe against devices built like drivers build them. */
class DeviceCommandsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ControlledDevice tape = new ControlledDevice("tape1", CLOCK);
    private final List<org.stowage.api.device.Device> devices = List.of(tape,
            Fakes.device("local", new DeviceStatus(DeviceState.IDLE, "", 0, 0, 0, -1)));

    @Test
    void deviceShowsDescriptorStatusAndEachDetailSection() throws Exception {
        tape.sections = List.of(new Section("Cartridges", List.of("Slot", "Label", "Fill"),
                List.of(List.of("1", "ST0001L8", "40%"), List.of("2", "ST0002L8", "0%"))));
        tape.setBusy("writing pack 12", null);
        DeviceCommand command = with(new DeviceCommand());
        command.id = "tape1";
        command.devices = devices;
        command.execute();
        String text = text();
        assertTrue(line(text, "Family").contains("tape") && line(text, "Kind").contains("TAPE"), text);
        assertTrue(line(text, "Access").contains("SEQUENTIAL") && line(text, "Capacity").contains("3.0 TiB"), text);
        assertTrue(line(text, "State").contains("BUSY (writing pack 12)"), text);
        assertTrue(line(text, "Traffic").contains("160.0 MiB/s") && line(text, "Queue depth").contains("1"), text);
        assertTrue(line(text, "Used").contains("5.0 GiB") && line(text, "Free").contains("1.0 TiB"), text);
        assertTrue(text.indexOf("Cartridges:") < text.indexOf("ST0001L8"), text);
        assertTrue(line(text, "ST0002L8").contains("2") && line(text, "Slot").contains("Fill"), text);
    }

    @Test
    void deviceWithoutDetailsShowsStatusOnlyAndUnknownIdListsKnownIds() throws Exception {
        DeviceCommand command = with(new DeviceCommand());
        command.id = "local";
        command.devices = devices;
        command.execute();
        assertTrue(line(text(), "Free").contains("?") && !text().contains(":\n"), text());

        command.id = "nas";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertEquals("No device 'nas'; known devices: local, tape1", e.getMessage());
    }

    @Test
    void devicesShowEachDevicesShareOfTheRepository() throws Exception {
        DevicesCommand command = with(new DevicesCommand());
        command.devices = devices;
        command.repository = new org.stowage.api.repository.RepositoryService() {
            @Override
            public org.stowage.api.repository.RepositoryInfo info() {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.stowage.api.repository.RepositoryInfo init() {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Map<String, Long> bytesByDevice() {
                return java.util.Map.of("local", 3L << 30);
            }
        };
        command.execute();
        assertTrue(line(text(), "Repository").contains("Free"), text());
        assertTrue(line(text(), "local").endsWith("3.0 GiB"), text());
        assertTrue(line(text(), "tape1").endsWith("0 B"), "no pack recorded on tape1: " + text());
    }

    @Test
    void busyUntilADurationSetsTheEndAndPrintsTheNewState() throws Exception {
        DeviceBusyCommand command = busy("tape1");
        command.until = "2h";
        command.reason = "library maintenance";
        command.execute();
        assertTrue(text().contains("Device 'tape1' is BUSY (library maintenance (until 2026-03-01T12:00:00Z))"),
                text());
        assertTrue(text().contains("Busy until 2026-03-01 12:00:00 (Z)"), text());
        assertEquals(DeviceState.BUSY, tape.status().state());
    }

    @Test
    void busyWithoutUntilLastsUntilIdle() throws Exception {
        DeviceBusyCommand command = busy("tape1");
        command.execute();
        assertTrue(text().contains("is BUSY (set busy by the operator)"), text());
        assertTrue(text().contains("stowage:device-idle tape1"), text());

        DeviceIdleCommand idle = with(new DeviceIdleCommand());
        idle.id = "tape1";
        idle.devices = devices;
        idle.execute();
        assertTrue(text().endsWith("Device 'tape1' is IDLE\n"), text());
        assertEquals(DeviceState.IDLE, tape.status().state());
    }

    @Test
    void busyOnADeviceWithoutBusyControlNamesTheDevice() {
        CommandException e = assertThrows(CommandException.class, busy("local")::execute);
        assertTrue(e.getMessage().startsWith("Device 'local' (family disk) does not offer busy control"),
                e.getMessage());
        DeviceIdleCommand idle = with(new DeviceIdleCommand());
        idle.id = "local";
        idle.devices = devices;
        assertThrows(CommandException.class, idle::execute);
    }

    @Test
    void badUntilIsRefusedBeforeTheDeviceChanges() {
        DeviceBusyCommand command = busy("tape1");
        command.until = "soonish";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertTrue(e.getMessage().startsWith("--until 'soonish' is not valid"), e.getMessage());
        assertEquals(DeviceState.IDLE, tape.status().state());
    }

    @Test
    void probeMovesTheAskedSizeAndSaysNothingIsKept() throws Exception {
        ProbeCommand command = with(new ProbeCommand());
        command.id = "tape1";
        command.devices = devices;
        command.size = "4m";
        command.execute();
        assertEquals(List.of(4 << 20), tape.probes);
        assertTrue(text().contains("Probed device 'tape1': 4.0 MiB in 50ms, 80.0 MiB/s"), text());
        assertTrue(text().contains("not kept"), text());
    }

    @Test
    void probeDefaultsTo8MiBAndReportsFailuresWithTheDevice() throws Exception {
        ProbeCommand command = with(new ProbeCommand());
        command.id = "tape1";
        command.devices = devices;
        tape.probeFailure = new DeviceException("tape1", "no cartridge loaded");
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertEquals(List.of(8 << 20), tape.probes);
        assertTrue(e.getMessage().startsWith("Probe of device 'tape1' failed: device 'tape1': no cartridge loaded"),
                e.getMessage());

        command.size = "2g";
        assertTrue(assertThrows(CommandException.class, command::execute).getMessage()
                .contains("between 1 byte and 1.0 GiB"));
        assertEquals(1, tape.probes.size(), "a refused size never reaches the device");
    }

    private DeviceBusyCommand busy(String id) {
        DeviceBusyCommand command = with(new DeviceBusyCommand());
        command.id = id;
        command.devices = devices;
        command.clock = CLOCK;
        return command;
    }

    private <T extends StowageAction> T with(T command) {
        command.out = out;
        return command;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String text, String part) {
        for (String line : text.split("\n")) {
            if (line.contains(part)) {
                return line;
            }
        }
        throw new AssertionError("no line with " + part + " in\n" + text);
    }
}
