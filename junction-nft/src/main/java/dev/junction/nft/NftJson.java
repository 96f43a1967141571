package dev.junction.nft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code nft -j list table} output (nft 1.0.6, JSON schema 1) into a {@link TableState}. Shared by
 * {@link LibNft} and {@link ExecNft}, so both produce the same canonical text.
 *
 * <p>The element forms 1.0.6 prints, all seen in captured output: a bare string or number
 * ({@code "1.2.3.4"}, {@code 443}); {@code {"concat": [...]}}; {@code {"prefix": {"addr", "len"}}};
 * {@code {"range": [lo, hi]}}; {@code {"elem": {"val": ..., "expires": ...}}} for elements with a timeout,
 * counter or comment; and a map element as the pair {@code [key, value]}, where a verdict value is
 * {@code {"goto": {"target": "x"}}}, {@code {"jump": ...}} or {@code {"drop": null}} and friends.
 */
public final class NftJson {
    /** Loaded on the first parse, not when a table is found absent (Jackson's start-up is ~100 ms). */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private NftJson() {
    }

    /** The command that lists one table, and nothing else. */
    static String listCommand(TableRef table) {
        NftNames.requireValid(table.name());
        return "list table " + table.spec();
    }

    /** Whether nft's error text says the listed table does not exist. */
    static boolean isNoSuchTable(String errorOutput) {
        return errorOutput != null && errorOutput.contains("No such file or directory");
    }

    /**
     * Parses the JSON of one listed table. Objects of any other table are ignored, so that even a list of
     * a whole ruleset could never leak a foreign table into our state.
     *
     * @throws NftException when the text is not JSON nft would print
     */
    public static TableState parse(String json, TableRef table) throws NftException {
        JsonNode root;
        try {
            root = Mapper.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NftException("cannot parse nft JSON output: " + e.getOriginalMessage(), json, "");
        }
        JsonNode items = root == null ? null : root.get("nftables");
        if (items == null || !items.isArray()) {
            throw new NftException("nft JSON output has no \"nftables\" array", json, "");
        }
        Set<String> chains = new LinkedHashSet<>();
        Map<String, Map<String, String>> sets = new HashMap<>();
        for (JsonNode item : items) {
            if (item.has("chain") && ours(item.get("chain"), table)) {
                chains.add(item.get("chain").get("name").asText());
            }
            for (String kind : List.of("set", "map")) {
                JsonNode set = item.get(kind);
                if (set != null && set.isObject() && ours(set, table)) {
                    sets.put(set.get("name").asText(), elements(set, set.has("map")));
                }
            }
        }
        return new TableState(chains, sets);
    }

    private static boolean ours(JsonNode obj, TableRef table) {
        return table.family().nftName().equals(obj.path("family").asText())
                && table.name().equals(obj.path("table").asText(obj.path("name").asText()));
    }

    private static Map<String, String> elements(JsonNode set, boolean map) {
        Map<String, String> out = new HashMap<>();
        JsonNode elems = set.get("elem");
        if (elems == null) {
            return out;
        }
        for (JsonNode e : elems) {
            if (map && e.isArray() && e.size() == 2) {
                out.put(key(e.get(0)), value(e.get(1)));
            } else {
                out.put(key(e), "");
            }
        }
        return out;
    }

    /** The canonical text of a key (or one part of it). */
    static String key(JsonNode n) {
        if (n.isTextual() || n.isNumber()) {
            return n.asText();
        }
        if (n.isObject()) {
            if (n.has("concat")) {
                List<String> parts = new ArrayList<>();
                n.get("concat").forEach(p -> parts.add(key(p)));
                return String.join(" . ", parts);
            }
            if (n.has("prefix")) {
                JsonNode p = n.get("prefix");
                return key(p.get("addr")) + "/" + p.get("len").asInt();
            }
            if (n.has("range")) {
                return key(n.get("range").get(0)) + "-" + key(n.get("range").get(1));
            }
            if (n.has("elem")) {
                return key(n.get("elem").get("val"));
            }
        }
        // Something 1.0.6 did not print in our tests: keep it stable and visible rather than guess.
        return n.toString();
    }

    /** The canonical text of a map value: a verdict, or a plain value for data maps. */
    static String value(JsonNode n) {
        if (n.isObject() && n.size() == 1) {
            String verdict = n.fieldNames().next();
            JsonNode arg = n.get(verdict);
            switch (verdict) {
                case "accept", "drop", "continue", "return" -> {
                    return verdict;
                }
                case "jump", "goto" -> {
                    return verdict + " " + arg.path("target").asText();
                }
                default -> {
                    // not a verdict: fall through to the key forms (concat, prefix, ...)
                }
            }
        }
        return key(n);
    }
}
