package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** Tolerant field access: a missing or mistyped field reads as -1, "", false or an empty object. */
final class Json {
    static final long ABSENT = -1;

    private Json() {
    }

    static long num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asLong() : ABSENT;
    }

    /** The first of two spellings that is present (librdkafka emits {@code commited_offset} too). */
    static long num(JsonNode n, String field, String alias) {
        long v = num(n, field);
        return v != ABSENT || n.has(field) ? v : num(n, alias);
    }

    static int integer(JsonNode n, String field) {
        long v = num(n, field);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? (int) ABSENT : (int) v;
    }

    static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    static JsonNode obj(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isObject() ? v : MissingNode.getInstance();
    }

    /** Each member of an object that is itself an object, converted; in the JSON's order. */
    static <T> Map<String, T> objects(JsonNode n, String field, BiFunction<String, JsonNode, T> convert) {
        JsonNode o = obj(n, field);
        if (o.isMissingNode() || o.isEmpty()) return Map.of();
        Map<String, T> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (e.getValue().isObject()) m.put(e.getKey(), convert.apply(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(m);
    }
}
