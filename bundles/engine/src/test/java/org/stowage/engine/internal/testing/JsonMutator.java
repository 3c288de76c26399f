package org.stowage.engine.internal.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Structure-aware mutations of a valid JSON document, for the fuzz properties: values replaced by null, boundary
 * numbers, empty or odd strings, wrong types; fields removed; array entries duplicated or nulled. What a buggy writer
 * (or anyone holding the key) could store, which byte flips rarely reach past the JSON syntax. Deterministic per
 * seed.
 */
public final class JsonMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode[] ODD = {NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(0),
        NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(Long.MAX_VALUE),
        NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(1L << 31), NODES.numberNode(1e308), NODES.numberNode(-0.5),
        NODES.textNode(""), NODES.textNode("x"), NODES.textNode("../../etc"), NODES.textNode("a\u0000b"),
        NODES.textNode("9999-99-99T99:99:99Z"), NODES.textNode("+1000000000-12-31T23:59:59Z"),
        NODES.textNode("ab".repeat(32)), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
        NODES.textNode("DATA"), NODES.textNode("TREE"), NODES.textNode("FILE"), NODES.textNode("data/x")};

    private JsonMutator() {
    }

    public static byte[] mutate(byte[] valid, long seed, int mutations) {
        Random random = new Random(seed);
        try {
            JsonNode root = JSON.readTree(valid);
            for (int i = 0; i < mutations; i++) {
                List<JsonNode> containers = new ArrayList<>();
                collect(root, containers);
                mutateOne(containers.get(random.nextInt(containers.size())), random);
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("the valid document does not parse", e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static void mutateOne(JsonNode container, Random random) {
        JsonNode odd = ODD[random.nextInt(ODD.length)].deepCopy(); // never the shared instance: no cycles
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            if (names.isEmpty()) {
                object.set("x", odd);
                return;
            }
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                object.remove(name);
            } else {
                object.set(name, odd);
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty()) {
                array.add(odd);
            } else if (random.nextBoolean()) {
                array.add(array.get(random.nextInt(array.size())).deepCopy());
            } else {
                array.set(random.nextInt(array.size()), odd);
            }
        }
    }
}
