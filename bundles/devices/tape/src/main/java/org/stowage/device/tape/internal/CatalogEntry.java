package org.stowage.device.tape.internal;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.MediaPosition;

/**
 * Where one live blob is: cartridge, generation and tape file. Immutable.
 *
 * @param position   where the blob's tape file starts (bytes from BOT)
 * @param dataOffset where its data starts, in the backend's addressing
 */
record CatalogEntry(BlobName name, String label, int generation, int file, long position, long dataOffset,
                    long length, String sha256) {

    TapeHeader.BlobRecord toRecord() {
        return new TapeHeader.BlobRecord(name.toString(), position, file, dataOffset, length, sha256);
    }

    TapeHeader.ForgetRecord toForget() {
        return new TapeHeader.ForgetRecord(name.toString(), label, generation, position);
    }

    MediaPosition mediaPosition() {
        return new MediaPosition(label, position);
    }

    /** Whether {@code forget} names this blob's tape file (same cartridge generation and position). */
    boolean isForgottenBy(TapeHeader.ForgetRecord forget) {
        return forget.label().equals(label) && forget.generation() == generation && forget.position() == position;
    }
}
