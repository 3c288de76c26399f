package org.stowage.staging.internal.store;

/**
 * Where a block record lies: in segment file {@code segment}, its header starting at {@code offset}, followed by
 * {@code length} data bytes.
 */
record BlockLocation(long segment, long offset, int length) {

    long recordLength() {
        return BlockHeader.LENGTH + (long) length;
    }

    long end() {
        return offset + recordLength();
    }
}
