package org.stowage.engine.internal.selection;

import java.util.List;

/**
 * Turns the glob of a {@link PathPattern} (without its {@code !}, leading and trailing {@code /}) into a
 * {@link java.util.regex.Pattern} body. Stateless.
 */
final class GlobTranslator {

    private static final String ANY_FOLDERS = "(?:.*/)?";

    private GlobTranslator() {
    }

    /** The regex for a '/'-separated glob in which a whole segment {@code **} stands for any number of folders. */
    static String regex(String glob) {
        List<String> segments = List.of(glob.split("/", -1));
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("it has an empty segment ('//')");
            }
            if (segment.equals("**")) {
                regex.append(last ? ".*" : ANY_FOLDERS); // ANY_FOLDERS already ends in the separator
                continue;
            }
            segment(segment, regex);
            if (!last) {
                regex.append('/');
            }
        }
        return regex.toString();
    }

    /** The name a glob without wildcards stands for (escapes removed), or null if it has a wildcard. */
    static String literal(String glob) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return null;
            }
            if (c == '\\') {
                i = escaped(glob, i);
                c = glob.charAt(i);
            }
            name.append(c);
        }
        return name.toString();
    }

    private static void segment(String glob, StringBuilder regex) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> i = characterClass(glob, i, regex);
                case '\\' -> {
                    i = escaped(glob, i);
                    quote(glob.charAt(i), regex);
                }
                default -> quote(c, regex);
            }
        }
    }

    /** Appends the class that starts at {@code open}; returns the index of its closing ']'. */
    private static int characterClass(String glob, int open, StringBuilder regex) {
        int i = open + 1;
        StringBuilder body = new StringBuilder("[");
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            body.append("^/"); // a negated class never matches the separator
            i++;
        }
        boolean first = true;
        for (; i < glob.length(); i++, first = false) {
            char c = glob.charAt(i);
            if (c == ']' && !first) {
                regex.append(body).append(']');
                return i;
            }
            if (c == '\\') {
                i = escaped(glob, i);
                c = glob.charAt(i);
            }
            if (c == '-' && !first && i + 1 < glob.length() && glob.charAt(i + 1) != ']') {
                body.append('-'); // a range
            } else {
                quote(c, body);
            }
        }
        throw new IllegalArgumentException("'[' at position " + (open + 1) + " has no closing ']'");
    }

    private static int escaped(String glob, int backslash) {
        if (backslash + 1 >= glob.length()) {
            throw new IllegalArgumentException("it ends in a lone '\\'");
        }
        return backslash + 1;
    }

    private static void quote(char c, StringBuilder regex) {
        if (Character.isLetterOrDigit(c) || c > 127) {
            regex.append(c);
        } else {
            regex.append('\\').append(c);
        }
    }
}
