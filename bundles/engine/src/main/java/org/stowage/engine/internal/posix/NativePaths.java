package org.stowage.engine.internal.posix;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * File names as bytes. Linux names are bytes, and the JDK decodes them with {@code sun.jnu.encoding} (UTF-8 here),
 * so a name that is not valid UTF-8 reads as a string with U+FFFD that names another file. The JDK keeps the exact
 * bytes inside the {@link Path} and shows them in {@link Path#toUri()} (percent-escaped), and {@link Path#of(URI)}
 * builds a path from escaped bytes: that is how such names are read and recreated, with public API only. Only names
 * holding U+FFFD take this slower way. Stateless.
 */
public final class NativePaths {

    private NativePaths() {
    }

    /** The exact bytes of {@code name} (base64) when its string is not their faithful decoding, else null. */
    public static String rawName(Path path, String name) {
        if (name.indexOf('\uFFFD') < 0) {
            return null;
        }
        byte[] raw = lastElement(path);
        return Arrays.equals(raw, name.getBytes(StandardCharsets.UTF_8)) ? null
                : Base64.getEncoder().encodeToString(raw);
    }

    /** The child of {@code dir} named by the raw bytes {@code rawName} (base64). */
    public static Path child(Path dir, String rawName) {
        byte[] raw = Base64.getDecoder().decode(rawName);
        String base = dir.toAbsolutePath().toUri().getRawPath();
        StringBuilder uri = new StringBuilder("file://").append(base.endsWith("/") ? base : base + "/");
        escape(raw, uri);
        return Path.of(URI.create(uri.toString()));
    }

    /** Whether the base64 {@code rawName} is a safe single path element: not empty, ".", "..", no '/' or NUL. */
    public static String refusal(String rawName) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(rawName);
        } catch (IllegalArgumentException e) {
            return "raw entry name that is not base64";
        }
        String ascii = new String(raw, StandardCharsets.ISO_8859_1);
        if (raw.length == 0 || ascii.equals(".") || ascii.equals("..") || ascii.indexOf('/') >= 0
                || ascii.indexOf('\0') >= 0) {
            return "raw entry name that is empty, '.', '..' or holds '/' or NUL";
        }
        return null;
    }

    /** The NUL-terminated bytes of {@code path} for a system call. */
    static byte[] bytes(Path path) {
        String s = path.toString();
        byte[] raw = s.indexOf('\uFFFD') < 0 ? s.getBytes(StandardCharsets.UTF_8) : uriBytes(path);
        return Arrays.copyOf(raw, raw.length + 1);
    }

    private static byte[] lastElement(Path path) {
        byte[] all = uriBytes(path.toAbsolutePath());
        int end = all.length;
        while (end > 1 && all[end - 1] == '/') {
            end--; // toUri() ends a directory's path with '/'
        }
        int start = end;
        while (start > 0 && all[start - 1] != '/') {
            start--;
        }
        return Arrays.copyOfRange(all, start, end);
    }

    /** The path's bytes, from its percent-escaped URI (which the JDK builds from the bytes themselves). */
    private static byte[] uriBytes(Path path) {
        String escaped = path.toAbsolutePath().toUri().getRawPath();
        byte[] out = new byte[escaped.length()];
        int n = 0;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()) {
                out[n++] = (byte) Integer.parseInt(escaped.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c; // toUri() escapes every byte that is not printable ASCII
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static void escape(byte[] raw, StringBuilder out) {
        for (byte b : raw) {
            int v = b & 0xff;
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || "-._~".indexOf(v) >= 0) {
                out.append((char) v);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(v & 15, 16)));
            }
        }
    }
}
