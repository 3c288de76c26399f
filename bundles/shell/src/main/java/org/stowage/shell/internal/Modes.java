package org.stowage.shell.internal;

import org.stowage.api.repository.NodeInfo;

/** POSIX mode bits as {@code ls -l} shows them: {@code drwxr-xr-x}. */
final class Modes {

    private static final String RWX = "rwxrwxrwx";

    private Modes() {
    }

    static String format(NodeInfo.Type type, int mode) {
        StringBuilder s = new StringBuilder(10);
        s.append(switch (type) {
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case FILE -> '-';
            case OTHER -> '?';
            case VOLUME -> 'b'; // a block image, shown as ls shows a block device
        });
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? RWX.charAt(i) : '-');
        }
        return s.toString();
    }
}
