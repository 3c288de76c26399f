package org.stowage.engine.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;

class MasterIndexTest {

    private final Random rnd = new Random(3);

    @Test
    void growsKeepsFirstLocationAndForgetsPacks() {
        MasterIndex index = new MasterIndex();
        List<BlobId> ids = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            List<PackedBlob> blobs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                BlobId id = new BlobId(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
                ids.add(id);
                blobs.add(new PackedBlob(BlobKind.DATA, id, "pack" + p, i * 10L, 10, 20));
            }
            index.add(new PackRecord("pack" + p, 1000, List.of(), blobs));
        }
        assertEquals(5000, index.size());
        BlobId first = ids.get(0);
        index.add(new PackRecord("dup", 10, List.of(), List.of(new PackedBlob(BlobKind.DATA, first, "dup", 0, 10, 20))));
        assertEquals("pack0", index.lookup(BlobKind.DATA, first).orElseThrow().packId(), "first location wins");
        assertFalse(index.contains(BlobKind.TREE, first), "kinds are separate");
        assertEquals(new PackedBlob(BlobKind.DATA, ids.get(4321), "pack43", 210, 10, 20),
                index.lookup(BlobKind.DATA, ids.get(4321)).orElseThrow());

        index.removePacks(Set.of("pack0", "pack1"));
        assertEquals(4800, index.size());
        assertFalse(index.contains(BlobKind.DATA, ids.get(150)));
        assertTrue(index.contains(BlobKind.DATA, ids.get(250)));
        assertFalse(index.hasPack("pack0"));
        assertEquals(49, index.packSizes().size(), "48 left plus 'dup'");
        assertEquals(48, index.packs().stream().filter(p -> !p.blobs().isEmpty()).count());
    }
}
