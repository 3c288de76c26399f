package org.stowage.staging.internal.store;

import java.util.List;

/** A staged object in the mapping table: its listing and its blocks in order. Immutable. */
record StagedObject(StagedItem item, long order, List<BlockId> blocks) {

    StagedObject {
        blocks = List.copyOf(blocks);
    }
}
