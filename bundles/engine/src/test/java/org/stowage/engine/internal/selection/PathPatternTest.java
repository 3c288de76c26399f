package org.stowage.engine.internal.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The gitignore-style semantics of exclude patterns, one row per pattern, path and expected answer. */
class PathPatternTest {

    /** pattern, ignore case, path, is a folder, expected match. */
    static Stream<Arguments> table() {
        return Stream.of(
                // unanchored names match at any depth, by the last segment
                row("*.log", false, "/var/app/x.log", false, true),
                row("*.log", false, "/x.log", false, true),
                row("*.log", false, "/var/x.log/y", false, false),
                row("*.log", false, "/var/x.logs", false, false),
                row("node_modules", false, "/src/a/node_modules", true, true),
                row("node_modules", false, "/src/a/node_modules2", true, false),
                row("?.txt", false, "/d/a.txt", false, true),
                row("?.txt", false, "/d/ab.txt", false, false),
                row("[ab].txt", false, "/d/b.txt", false, true),
                row("[!ab].txt", false, "/d/b.txt", false, false),
                row("[!ab].txt", false, "/d/c.txt", false, true),
                row("[a-c]x", false, "/d/bx", false, true),
                row("[a-c]x", false, "/d/dx", false, false),
                row("\\*.txt", false, "/d/*.txt", false, true),
                row("\\*.txt", false, "/d/a.txt", false, false),
                // unanchored with a slash inside: at any depth, whole segments
                row("cache/tmp", false, "/home/u/cache/tmp", true, true),
                row("cache/tmp", false, "/cache/tmp", true, true),
                row("cache/tmp", false, "/home/xcache/tmp", true, false),
                row("cache/*.bin", false, "/a/cache/x.bin", false, true),
                row("cache/*.bin", false, "/a/cache/sub/x.bin", false, false),
                // anchored at the file system root
                row("/home/u/.cache", false, "/home/u/.cache", true, true),
                row("/home/u/.cache", false, "/srv/home/u/.cache", true, false),
                row("/home/*/.cache", false, "/home/v/.cache", true, true),
                row("/home/*/.cache", false, "/home/v/w/.cache", true, false),
                row("/tmp", false, "/tmp", true, true),
                row("/tmp", false, "/var/tmp", true, false),
                // ** as whole segments
                row("**/build", false, "/build", true, true),
                row("**/build", false, "/a/b/build", true, true),
                row("/srv/**/build", false, "/srv/build", true, true),
                row("/srv/**/build", false, "/srv/a/b/build", true, true),
                row("/srv/**/build", false, "/opt/srv/a/build", true, false),
                row("/srv/data/**", false, "/srv/data/x", false, true),
                row("/srv/data/**", false, "/srv/data/x/y/z", false, true),
                row("/srv/data/**", false, "/srv/data", true, false),
                row("a/**/z", false, "/q/a/z", false, true),
                row("a/**/z", false, "/q/a/b/c/z", false, true),
                row("a/**/z", false, "/q/ab/z", false, false),
                row("**", false, "/anything/at/all", false, true),
                row("a**b", false, "/d/axxb", false, true), // ** inside a segment is a plain *
                row("a**b", false, "/d/ax/b", false, false),
                // trailing slash: folders only
                row("logs/", false, "/var/logs", true, true),
                row("logs/", false, "/var/logs", false, false),
                row("/var/*/", false, "/var/lib", true, true),
                row("/var/*/", false, "/var/lib", false, false),
                // case
                row("*.JPG", false, "/p/a.jpg", false, false),
                row("*.JPG", true, "/p/a.jpg", false, true),
                row("/Home/U", true, "/home/u", true, true),
                row("Thumbs.db", true, "/p/THUMBS.DB", false, true),
                row("Thumbs.db", false, "/p/THUMBS.DB", false, false),
                row("straße", true, "/p/STRASSE", false, false),
                row("ÄRGER", true, "/p/ärger", false, true));
    }

    private static Arguments row(String pattern, boolean ignoreCase, String path, boolean folder, boolean match) {
        return Arguments.of(pattern, ignoreCase, path, folder, match);
    }

    @ParameterizedTest(name = "{0} (ignore case {1}) on {2} (folder {3}) -> {4}")
    @MethodSource("table")
    void matchesLikeGitignore(String pattern, boolean ignoreCase, String path, boolean folder, boolean expected) {
        PathPattern compiled = PathPattern.compile(pattern, ignoreCase);
        String name = path.substring(path.lastIndexOf('/') + 1);
        assertEquals(expected, compiled.matches(path, name, folder));
    }

    /** pattern list, path, is a folder, expected exclusion: the last matching pattern wins. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(List.of("*.log", "!keep.log"), "/a/keep.log", false, false),
                Arguments.of(List.of("*.log", "!keep.log"), "/a/other.log", false, true),
                Arguments.of(List.of("!keep.log", "*.log"), "/a/keep.log", false, true),
                Arguments.of(List.of("/data/*", "!/data/important"), "/data/important", true, false),
                Arguments.of(List.of("/data/*", "!/data/important"), "/data/junk", true, true),
                Arguments.of(List.of("tmp/", "!tmp"), "/x/tmp", true, false),
                Arguments.of(List.of("tmp", "!tmp/"), "/x/tmp", false, true),
                Arguments.of(List.of("tmp", "!tmp/"), "/x/tmp", true, false),
                Arguments.of(List.of("\\!bang"), "/x/!bang", false, true),
                Arguments.of(List.of(), "/x/y", false, false));
    }

    @ParameterizedTest(name = "{0} on {1} (folder {2}) -> excluded {3}")
    @MethodSource("rules")
    void lastMatchWins(List<String> patterns, String path, boolean folder, boolean excluded) {
        ExcludeRules rules = new ExcludeRules(patterns.stream().map(p -> PathPattern.compile(p, false)).toList());
        String name = path.substring(path.lastIndexOf('/') + 1);
        assertEquals(excluded, rules.excluded(path, name, folder));
        ExcludeRules.Verdict byPath = rules.byPath(path, name);
        if (byPath != ExcludeRules.Verdict.NEEDS_TYPE) {
            assertEquals(excluded, byPath == ExcludeRules.Verdict.EXCLUDED, "decided by the path alone: " + byPath);
        }
    }

    @org.junit.jupiter.api.Test
    void onlyAFoldersOnlyPatternNeedsTheType() {
        ExcludeRules rules = new ExcludeRules(List.of(PathPattern.compile("*.tmp", false),
                PathPattern.compile("build/", false)));
        assertEquals(ExcludeRules.Verdict.EXCLUDED, rules.byPath("/a/x.tmp", "x.tmp"));
        assertEquals(ExcludeRules.Verdict.INCLUDED, rules.byPath("/a/x.txt", "x.txt"));
        assertEquals(ExcludeRules.Verdict.NEEDS_TYPE, rules.byPath("/a/build", "build"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!", "/", "//", "a//b", "[abc", "x\\", "!/"})
    void invalidPatternsAreRefusedWithThePatternQuoted(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PathPattern.compile(pattern, false));
        assertTrue(e.getMessage().contains("'" + pattern + "'"), e.getMessage());
    }
}
