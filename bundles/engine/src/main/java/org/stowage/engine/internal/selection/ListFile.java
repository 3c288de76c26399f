package org.stowage.engine.internal.selection;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.repository.StowageException;

/**
 * A UTF-8 text file of one item per line, as {@code --exclude-file} and {@code --files-from} read: lines starting
 * with {@code #} and blank lines are skipped, a trailing CR is dropped (files written on Windows), and trailing
 * blanks are dropped unless escaped with a backslash (as gitignore does: they are almost always accidental).
 * Stateless.
 */
final class ListFile {

    /** One item and the line it came from, for messages. */
    record Line(int number, String text) {
    }

    private ListFile() {
    }

    /**
     * @param what what the file is, for messages ("exclude file")
     * @throws StowageException naming the file when it cannot be read
     */
    static List<Line> read(Path file, String what) {
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new StowageException(what + " " + file + " is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new StowageException("cannot read " + what + " " + file + ": " + e
                    + "; check that it exists and is readable by the user Stowage runs as", e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String text = stripTrailingBlanks(raw.get(i));
            if (!text.isEmpty() && !text.startsWith("#")) {
                lines.add(new Line(i + 1, text));
            }
        }
        return lines;
    }

    private static String stripTrailingBlanks(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')
                && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }
}
