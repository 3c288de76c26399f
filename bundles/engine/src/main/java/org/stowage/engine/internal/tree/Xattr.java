package org.stowage.engine.internal.tree;

import java.util.Arrays;
import java.util.Objects;

/**
 * One extended attribute of a tree entry, as stored in a tree blob: its name ({@code user.note},
 * {@code system.posix_acl_access}, ...) and its raw value (JSON: base64). POSIX ACLs are kept this way too: on Linux
 * they are the attributes {@code system.posix_acl_access} and {@code system.posix_acl_default}, whose values are
 * restored as they were read.
 *
 * @param name  the attribute's full name, with its namespace; never empty, no NUL
 * @param value the value's bytes (may be empty); not copied, treat as immutable
 */
public record Xattr(String name, byte[] value) {

    public Xattr {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("extended attribute with an empty name or a NUL in its name");
        }
        if (value == null) {
            throw new IllegalArgumentException("extended attribute '" + name + "' without a value");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && name.equals(x.name) && Arrays.equals(value, x.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return name + "(" + value.length + " bytes)";
    }
}
