package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.StowageException;
import org.stowage.api.volume.BlockRange;
import org.stowage.api.volume.BlockState;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.api.volume.VolumeInfo;
import org.stowage.api.volume.VolumeService;

/** The volume commands' parsing and output, with a stand-in VolumeService. */
class VolumeCommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<String> calls = new ArrayList<>();

    private final VolumeService service = new VolumeService() {
        @Override
        public List<VolumeInfo> volumes() {
            return List.of(new VolumeInfo("vm1", "/srv/vm1.img", 65536, 2L << 30, "127.0.0.1:10809/vm1",
                    "0123456789abcdef", 3));
        }

        @Override
        public VolumeBlocks blocks(String volume) {
            if (!volume.equals("vm1")) {
                throw new StowageException("no volume '" + volume + "' is configured");
            }
            Map<BlockState, Long> counts = new EnumMap<>(BlockState.class);
            counts.put(BlockState.CLEAN, 32760L);
            counts.put(BlockState.DIRTY, 3L);
            counts.put(BlockState.COPIED_ON_WRITE, 0L);
            counts.put(BlockState.BACKED_UP, 5L);
            return new VolumeBlocks(volume, 65536, 2L << 30, "0123456789abcdef", 4, true, counts, List.of(
                    new BlockRange(0, 15, BlockState.CLEAN, true, 1), new BlockRange(16, 18, BlockState.DIRTY, false, 2)));
        }

        @Override
        public String export(String volume) {
            calls.add("export " + volume);
            return "127.0.0.1:10809/" + volume;
        }

        @Override
        public void unexport(String volume) {
            calls.add("unexport " + volume);
        }

        @Override
        public VolumeBackupResult backup(String volume, boolean full, Set<String> tags, ProgressListener l) {
            calls.add("backup " + volume + " full=" + full + " tags=" + tags);
            return new VolumeBackupResult("fedcba9876543210", "tracked", 3, 3 * 65536, 2L << 30, 9, 200_000,
                    Duration.ofSeconds(2));
        }

        @Override
        public long[] restore(String volume, String snapshot, Path target) {
            calls.add("restore " + volume + " " + snapshot + " " + target);
            return new long[] {16, 32752};
        }
    };

    @Test
    void volumeBlocksPrintsCountsAndRangesAndJson() throws Exception {
        VolumeBlocksCommand command = with(new VolumeBlocksCommand());
        command.volume = "vm1";
        command.execute();
        String text = text();
        assertTrue(text.contains("dirty            3") && text.contains("backed-up        5"), text);
        assertTrue(text.contains("Not every block is backed up yet.") && text.contains("gen 2"), text);

        bytes.reset();
        command.json = true;
        command.execute();
        assertTrue(text().contains("\"DIRTY\" : 3") && text().contains("\"allBackedUp\" : false"), text());

        command.volume = "nope";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertTrue(e.getMessage().contains("no volume 'nope'"));
    }

    @Test
    void exportBackupRestoreAndListCallTheServiceAndSayWhatHappened() throws Exception {
        VolumeExportCommand export = with(new VolumeExportCommand());
        export.volume = "vm1";
        export.execute();
        VolumeBackupCommand backup = with(new VolumeBackupCommand());
        backup.volume = "vm1";
        backup.full = true;
        backup.tags = List.of("nightly");
        backup.execute();
        VolumeRestoreCommand restore = with(new VolumeRestoreCommand());
        restore.volume = "vm1";
        restore.target = "/tmp/out.img";
        restore.execute();
        VolumeUnexportCommand unexport = with(new VolumeUnexportCommand());
        unexport.volume = "vm1";
        unexport.execute();
        with(new VolumesCommand()).execute();

        assertEquals(List.of("export vm1", "backup vm1 full=true tags=[nightly]", "restore vm1 latest /tmp/out.img",
                "unexport vm1"), calls);
        String text = text();
        assertTrue(text.contains("exported at nbd://127.0.0.1:10809/vm1"), text);
        assertTrue(text.contains("Snapshot fedcba98 of volume vm1 saved (tracked): read 3 blocks"), text);
        assertTrue(text.contains("16 blocks written, 32752 already equal"), text);
        assertTrue(text.contains("nbd://127.0.0.1:10809/vm1") && text.contains("01234567"), text);
    }

    private <T extends StowageAction> T with(T command) throws Exception {
        command.out = out;
        for (String field : new String[] {"volumeService"}) {
            java.lang.reflect.Field f = command.getClass().getDeclaredField(field);
            f.set(command, service);
        }
        return command;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
