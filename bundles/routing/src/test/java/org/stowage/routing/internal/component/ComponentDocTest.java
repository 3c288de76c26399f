package org.stowage.routing.internal.component;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docs/component.md names every option and header of the component's generated metadata (stowage.json). */
class ComponentDocTest {

    private static final Path METADATA = Path.of("src/generated/resources/META-INF/org/stowage/routing/internal/"
            + "component/stowage.json");

    @Test
    void everyOptionAndHeaderOfTheMetadataIsDocumented() throws Exception {
        String json = Files.readString(METADATA);
        String doc = Files.readString(DocExamplesTest.DOC);
        List<String> missing = new ArrayList<>();
        // the metadata's property and header names: keys of the "properties" and "headers" objects
        Matcher names = Pattern.compile("\"(\\w+)\": \\{ \"(?:index|kind|name)\"").matcher(json);
        int found = 0;
        while (names.find()) {
            found++;
            if (!doc.contains("`" + names.group(1) + "`")) {
                missing.add(names.group(1));
            }
        }
        assertTrue(found > 30, "the metadata's names were not found; its format changed: " + found);
        assertTrue(missing.isEmpty(), "docs/component.md does not document " + missing);
    }
}
