package org.stowage.engine.internal.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.json.Json;

/** Tree JSON is validated when parsed, with messages that name the entry. */
class TreeTest {

    @Test
    void entriesRestoreCannotHonourAreInvalidTreeJson() {
        assertInvalid("{}", "tree has no entry list");
        assertInvalid("{\"nodes\":[null]}", "tree has a null entry");
        assertInvalid("{\"nodes\":[{\"type\":\"FILE\"}]}", "tree entry without a name");
        assertInvalid("{\"nodes\":[{\"name\":\"a\"}]}", "tree entry 'a' without a type");
        assertInvalid("{\"nodes\":[{\"name\":\"a\",\"type\":\"FILE\",\"size\":-5}]}", "'a' has a negative size -5");
        assertInvalid("{\"nodes\":[{\"name\":\"a\",\"type\":\"FILE\",\"content\":[null]}]}",
                "'a' has a null content blob id");
        assertInvalid("{\"nodes\":[{\"name\":\"l\",\"type\":\"SYMLINK\",\"linkTarget\":\"/etc\\u0000x\"}]}",
                "'l' has a link target with a NUL character");
        assertInvalid("{\"nodes\":[{\"name\":\"a\",\"type\":\"FILE\"},{\"name\":\"a\",\"type\":\"DIR\"}]}",
                "duplicate entry 'a'");
    }

    @Test
    void aValidTreeStillParsesSorted() throws IOException {
        Tree tree = read("{\"nodes\":[{\"name\":\"b\",\"type\":\"FILE\",\"size\":3},{\"name\":\"a\",\"type\":\"DIR\","
                + "\"mode\":-1}]}");
        assertEquals("a", tree.nodes().get(0).name());
        assertEquals(3, tree.nodes().get(1).size());
    }

    private static Tree read(String json) throws IOException {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Tree.class);
    }

    private static void assertInvalid(String json, String expected) {
        IOException e = assertThrows(IOException.class, () -> read(json), json);
        assertTrue(e.getMessage().contains("invalid Tree JSON") && e.getMessage().contains(expected),
                e.getMessage());
    }
}
