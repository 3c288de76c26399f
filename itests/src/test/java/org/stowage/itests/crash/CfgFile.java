package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Edits Karaf {@code .cfg} files in place, keeping their comments and the order of the other keys. */
final class CfgFile {

    private CfgFile() {
    }

    /** Sets each key: replaces its line if the file has one (commented-out lines stay), else appends it. */
    static void set(Path file, Map<String, ?> values) throws IOException {
        List<String> lines = Files.exists(file)
                ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
        for (Map.Entry<String, ?> entry : new TreeMap<>(values).entrySet()) {
            Pattern keyLine = Pattern.compile("^\\s*" + Pattern.quote(entry.getKey()) + "\\s*[=:].*");
            String line = entry.getKey() + " = " + entry.getValue();
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (keyLine.matcher(lines.get(i)).matches()) {
                    lines.set(i, line);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(line);
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
