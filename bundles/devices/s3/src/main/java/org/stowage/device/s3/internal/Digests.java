package org.stowage.device.s3.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Content checksums stored with objects. */
final class Digests {

    private Digests() {
    }

    /** Lower-case hex CRC32C of {@code content} from position to limit (8 digits); the buffer is not changed. */
    static String crc32cHex(ByteBuffer content) {
        CRC32C crc = new CRC32C();
        crc.update(content.duplicate());
        return String.format("%08x", crc.getValue());
    }
}
