package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;

/** A staged object's verified bytes and the listing of exactly the version they belong to. */
public record StagedContent(StagedItem item, ByteBuffer content) {
}
