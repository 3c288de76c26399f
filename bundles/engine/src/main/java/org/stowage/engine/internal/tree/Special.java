package org.stowage.engine.internal.tree;

/**
 * The kind of a special file (a {@link NodeType#OTHER} entry), recorded since tree format 2. Device nodes also
 * record their major and minor numbers.
 */
public enum Special {
    FIFO, CHAR_DEVICE, BLOCK_DEVICE, SOCKET;

    /** The kind told by the file-type bits of {@code st_mode} (as in {@code unix:mode}), or null for none of them. */
    public static Special ofMode(int mode) {
        return switch (mode & 0170000) {
            case 0010000 -> FIFO;
            case 0020000 -> CHAR_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            case 0140000 -> SOCKET;
            default -> null;
        };
    }

    /** The file-type bits of {@code st_mode} for this kind. */
    public int typeBits() {
        return switch (this) {
            case FIFO -> 0010000;
            case CHAR_DEVICE -> 0020000;
            case BLOCK_DEVICE -> 0060000;
            case SOCKET -> 0140000;
        };
    }

    public boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }
}
