package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.pack.PackHeader;

/**
 * Packs that no index file lists are re-indexed from their headers at every open. Anything in {@code data/} is
 * untrusted until its header authenticates: a junk file must not make open allocate its size, and one pack that
 * cannot be read must be reported while the open and the other packs' recovery go on.
 */
class OrphanPacksTest {

    /** Records the longest ranged read of a pack, to see what open allocates for a header. */
    private static final class MeasuringDevice extends MemoryDevice {
        final AtomicLong longestDataRead = new AtomicLong();

        MeasuringDevice() {
            super("mem");
        }

        @Override
        public ByteBuffer get(BlobName name, ByteRange range) throws DeviceException {
            if (name.type() == BlobType.DATA && !range.isAll()) {
                longestDataRead.accumulateAndGet(range.length(), Math::max);
            }
            return super.get(name, range);
        }
    }

    private final MeasuringDevice memory = new MeasuringDevice();

    @Test
    void aJunkFileInDataIsReportedWithoutReadingWhatItsTrailerClaims() throws IOException {
        List<BlobId> saved = orphansOf(4);
        byte[] junk = new byte[4 << 20];
        new Random(1).nextBytes(junk);
        ByteBuffer.wrap(junk).putInt(junk.length - 4, junk.length - 4); // "the header is everything before me"
        BlobName junkName = BlobName.of(BlobType.DATA, "00junk");
        memory.put(junkName, ByteBuffer.wrap(junk));

        try (Repository repo = TestRepositories.open(memory)) {
            long bound = PackHeader.maxStoredLength(TestRepositories.SMALL.packSize());
            assertTrue(memory.longestDataRead.get() <= bound, "open read " + memory.longestDataRead.get()
                    + " bytes of one pack for a header, more than the " + bound + " a header of a 64 KiB pack has");
            List<String> problems = repo.format().openProblems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains(junkName.toString()) && problems.get(0).contains("header of "
                    + (junk.length - 4) + " bytes"), problems.get(0));
            assertLoadable(repo, saved);
        }
    }

    @Test
    void anOrphanPackTheDeviceFailsToReadIsReportedAndTheOthersAreRecovered() throws IOException {
        List<BlobId> saved = orphansOf(4);
        List<String> packs = packIds();
        String broken = packs.get(0);
        FaultyDevice device = FaultyDevice.wrap(memory).build();
        device.arm(Fault.fail(DeviceOperation.GET).of(BlobType.DATA).matching(broken, n -> n.id().equals(broken)));

        try (Repository repo = TestRepositories.open(device)) {
            List<String> problems = repo.format().openProblems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("data/" + broken) && problems.get(0).contains(FaultyDevice.INJECTED),
                    problems.get(0));
            assertEquals(packs.size() - 1, repo.format().indexedPacks().size());
        }
        try (Repository repo = TestRepositories.open(memory)) {
            assertTrue(repo.format().openProblems().isEmpty(), repo.format().openProblems().toString());
            assertLoadable(repo, saved);
        }
    }

    @Test
    void anOrphanPackShorterThanListedIsReportedAndTheOthersAreRecovered() throws IOException {
        orphansOf(4);
        List<String> packs = packIds();
        String shortened = packs.get(packs.size() - 1);
        FaultyDevice device = FaultyDevice.wrap(memory).build();
        device.arm(Fault.truncate().of(BlobType.DATA).matching(shortened, n -> n.id().equals(shortened)));

        try (Repository repo = TestRepositories.open(device)) {
            List<String> problems = repo.format().openProblems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("data/" + shortened) && problems.get(0).contains("returned"),
                    problems.get(0));
            assertEquals(packs.size() - 1, repo.format().indexedPacks().size());
        }
    }

    /** Saves blobs into several packs, then deletes every index file: all packs become orphans. */
    private List<BlobId> orphansOf(int packs) throws IOException {
        List<BlobId> saved = new ArrayList<>();
        Random random = new Random(7);
        try (Repository repo = TestRepositories.init(memory)) {
            for (int i = 0; i < packs * 4; i++) {
                saved.add(TestRepositories.saveData(repo, TestRepositories.random(random, 15_000)));
            }
            repo.flush();
        }
        List<BlobName> indexes = new ArrayList<>();
        memory.list(BlobType.INDEX, info -> indexes.add(info.name()));
        for (BlobName name : indexes) {
            memory.delete(name);
        }
        assertTrue(packIds().size() >= 2, "test needs several packs");
        return saved;
    }

    private List<String> packIds() {
        List<String> ids = new ArrayList<>();
        memory.list(BlobType.DATA, info -> ids.add(info.name().id()));
        ids.removeIf(id -> id.startsWith("00junk"));
        ids.sort(null);
        return ids;
    }

    private static void assertLoadable(Repository repo, List<BlobId> saved) throws IOException {
        for (BlobId id : saved) {
            assertEquals(15_000, repo.loadBlob(BlobKind.DATA, id).remaining());
        }
    }
}
