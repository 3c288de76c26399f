package org.stowage.engine.internal.selection;

import java.util.regex.Pattern;

/**
 * One gitignore-style exclude pattern, matched against absolute paths ({@code /home/u/a.log}).
 *
 * <ul>
 *   <li>{@code !} first negates: a matching entry is included again (escape a literal {@code !} as {@code \!}).</li>
 *   <li>A {@code /} last matches folders only; it is not part of the match.</li>
 *   <li>A {@code /} first anchors the pattern at the file system root; without it the pattern matches at any depth,
 *       as if it began with {@code **}{@code /} ({@code build} and {@code cache/tmp} match below any folder).</li>
 *   <li>{@code *} is any run of characters but {@code /}, {@code ?} one character but {@code /}, {@code [a-z]} and
 *       {@code [!a-z]} a class, {@code \x} the character x. {@code **} as a whole segment is any number of folders:
 *       {@code **}{@code /x} x at any depth, {@code a/**} everything inside a (not a itself), {@code a/**}{@code /b}
 *       b at any depth below a.</li>
 * </ul>
 * Unanchored patterns without any {@code /} inside (the common {@code *.tmp}, {@code node_modules}) are matched
 * against the entry's name alone, and literal names by string comparison, so that 20 patterns cost little per entry.
 * Immutable and thread-safe.
 */
public final class PathPattern {

    private final String source;
    private final boolean negated;
    private final boolean foldersOnly;
    private final boolean ignoreCase;
    /** Non-null when the pattern is a literal name matched against the entry's name alone. */
    private final String literalName;
    /** Non-null when the pattern is a glob matched against the name alone; else {@link #pathRegex} is used. */
    private final Pattern nameRegex;
    private final Pattern pathRegex;
    /**
     * With {@link #pathRegex}: the pattern's last segment alone, tried on the name first. Most names fail it, which
     * spares the path regex (whose {@code (?:.*}{@code /)?} prefix tries every '/' of the path); null when the last
     * segment is {@code **}.
     */
    private final PathPattern lastSegment;

    private PathPattern(String source, boolean negated, boolean foldersOnly, boolean ignoreCase, String literalName,
                        Pattern nameRegex, Pattern pathRegex, PathPattern lastSegment) {
        this.source = source;
        this.negated = negated;
        this.foldersOnly = foldersOnly;
        this.ignoreCase = ignoreCase;
        this.literalName = literalName;
        this.nameRegex = nameRegex;
        this.pathRegex = pathRegex;
        this.lastSegment = lastSegment;
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException quoting the pattern and saying what is wrong with it
     */
    public static PathPattern compile(String pattern, boolean ignoreCase) {
        String body = pattern;
        boolean negated = body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        boolean foldersOnly = body.endsWith("/") && !body.endsWith("\\/");
        while (body.endsWith("/") && body.length() > 1) {
            body = body.substring(0, body.length() - 1);
        }
        boolean anchored = body.startsWith("/");
        String inner = anchored ? body.substring(1) : body;
        if (inner.isEmpty() || inner.equals("/")) {
            throw new IllegalArgumentException("exclude pattern '" + pattern + "' names no file or folder");
        }
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        try {
            if (!anchored && !inner.contains("/")) {
                String literal = GlobTranslator.literal(inner);
                if (literal != null) {
                    return new PathPattern(pattern, negated, foldersOnly, ignoreCase, literal, null, null, null);
                }
                Pattern name = Pattern.compile(GlobTranslator.regex(inner), flags);
                return new PathPattern(pattern, negated, foldersOnly, ignoreCase, null, name, null, null);
            }
            String prefix = anchored ? "/" : "(?:.*/)?";
            Pattern path = Pattern.compile(prefix + GlobTranslator.regex(inner), flags);
            String last = inner.substring(inner.lastIndexOf('/') + 1);
            PathPattern lastSegment = last.equals("**") ? null : compile(last, ignoreCase);
            return new PathPattern(pattern, negated, foldersOnly, ignoreCase, null, null, path, lastSegment);
        } catch (IllegalArgumentException e) { // PatternSyntaxException too, if the translation had a bug
            throw new IllegalArgumentException("exclude pattern '" + pattern + "' is not valid: " + e.getMessage()
                    + "; see docs/selection.md for the syntax", e);
        }
    }

    /**
     * Whether the pattern matches the entry at absolute {@code path} whose last segment is {@code name}, taking
     * {@link #foldersOnly()} into account only when {@code folder} is known (non-null); with an unknown type a
     * folders-only pattern answers as if the entry were a folder, and the caller must ask again once it knows.
     */
    boolean matches(String path, String name, Boolean folder) {
        if (foldersOnly && Boolean.FALSE.equals(folder)) {
            return false;
        }
        if (literalName != null) {
            return ignoreCase ? literalName.equalsIgnoreCase(name) : literalName.equals(name);
        }
        if (nameRegex != null) {
            return nameRegex.matcher(name).matches();
        }
        if (lastSegment != null && !lastSegment.matches(path, name, null)) {
            return false;
        }
        return pathRegex.matcher(path).matches();
    }

    boolean negated() {
        return negated;
    }

    boolean foldersOnly() {
        return foldersOnly;
    }

    @Override
    public String toString() {
        return ignoreCase ? source + " (ignoring case)" : source;
    }

    /** For messages: the pattern as written. */
    public String source() {
        return source;
    }
}
