package org.stowage.engine.internal.restorer;

/**
 * Which stored entry names may be created below a restore target. A tree is data read from a device: a name like
 * "..", "a/b" or one holding NUL would place a file outside the target, so it is refused. Stateless.
 */
final class EntryNames {

    private EntryNames() {
    }

    /** Why {@code name} is refused, or null if it is a safe single path element. */
    static String refusal(String name) {
        if (name == null || name.isEmpty()) {
            return "empty entry name";
        }
        if (name.equals(".") || name.equals("..")) {
            return "entry name '" + name + "' would leave its directory";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "entry name '" + name + "' contains a path separator";
        }
        if (name.indexOf('\0') >= 0) {
            return "entry name contains a NUL character";
        }
        return null;
    }
}
