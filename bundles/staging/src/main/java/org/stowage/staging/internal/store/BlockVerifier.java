package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Checks a block record read from a segment against the reference that pointed to it. Stateless. */
final class BlockVerifier {

    private BlockVerifier() {
    }

    /**
     * @param record the whole record (header and data) as read, possibly short
     * @return the problem, or empty if the header is intact, names {@code expected.id()} with the expected length
     *         and the data is what that id names (its SHA-256 or its CRC32C, as the header's version says)
     */
    static Optional<String> problem(ByteBuffer record, BlockRef expected) {
        BlockHeader.Decoded decoded = BlockHeader.decode(record);
        if (decoded.header().isEmpty()) {
            return Optional.of("block header unreadable: " + decoded.problem());
        }
        BlockHeader header = decoded.header().get();
        if (!header.id().equals(expected.id())) {
            return Optional.of("block header names block " + header.id() + " instead");
        }
        if (header.size() != expected.location().length()) {
            return Optional.of("block header says " + header.size() + " bytes, the mapping "
                    + expected.location().length());
        }
        int available = record.remaining() - BlockHeader.LENGTH;
        if (available < header.size()) {
            return Optional.of("segment ends after " + Math.max(available, 0) + " of " + header.size() + " bytes");
        }
        ByteBuffer data = record.duplicate().position(record.position() + BlockHeader.LENGTH)
                .limit(record.position() + BlockHeader.LENGTH + header.size());
        return header.identity().mismatch(expected.id(), data);
    }

    /** The data part of a record that {@link #problem} accepted. */
    static ByteBuffer data(ByteBuffer record) {
        return record.duplicate().position(record.position() + BlockHeader.LENGTH);
    }
}
