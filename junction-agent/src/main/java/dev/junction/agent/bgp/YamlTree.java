package dev.junction.agent.bgp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict access to a parsed YAML document for configuration files: every value is looked up with its path, so an
 * error names the exact key ({@code peers[2].asn: expected an integer, got "64512x"}), and unknown keys are refused
 * rather than ignored (a typo in {@code passwrd} must not silently run a session unauthenticated).
 */
final class YamlTree {
    private final Map<String, Object> map;
    private final String path;

    YamlTree(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    static final class ConfigException extends IllegalArgumentException {
        ConfigException(String message) {
            super(message);
        }
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void allowOnly(Set<String> keys) {
        for (String k : map.keySet()) {
            if (!keys.contains(k)) throw new ConfigException(at(k) + ": unknown key (known: " + String.join(", ", keys.stream().sorted().toList()) + ")");
        }
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String string(String key) {
        Object v = required(key);
        if (v instanceof Map<?, ?> || v instanceof List<?>) throw new ConfigException(at(key) + ": expected a string");
        return String.valueOf(v);
    }

    String string(String key, String otherwise) {
        return has(key) ? string(key) : otherwise;
    }

    long integer(String key, long min, long max) {
        Object v = required(key);
        long n;
        if (v instanceof Number num && !(v instanceof Double) && !(v instanceof Float)) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(at(key) + ": expected an integer, got \"" + v + "\"");
            }
        }
        if (n < min || n > max) throw new ConfigException(at(key) + ": " + n + " is out of range " + min + ".." + max);
        return n;
    }

    long integer(String key, long min, long max, long otherwise) {
        return has(key) ? integer(key, min, max) : otherwise;
    }

    boolean bool(String key, boolean otherwise) {
        if (!has(key)) return otherwise;
        Object v = map.get(key);
        if (v instanceof Boolean b) return b;
        throw new ConfigException(at(key) + ": expected true or false, got \"" + v + "\"");
    }

    @SuppressWarnings("unchecked")
    YamlTree object(String key) {
        Object v = required(key);
        if (!(v instanceof Map<?, ?> m)) throw new ConfigException(at(key) + ": expected a mapping");
        return new YamlTree((Map<String, Object>) m, at(key));
    }

    /** The mapping's entries as trees, for maps of named things (policies by name). */
    @SuppressWarnings("unchecked")
    Map<String, Object> rawMap(String key) {
        Object v = required(key);
        if (!(v instanceof Map<?, ?> m)) throw new ConfigException(at(key) + ": expected a mapping");
        return (Map<String, Object>) m;
    }

    YamlTree child(String key, Object value) {
        if (!(value instanceof Map<?, ?> m)) throw new ConfigException(at(key) + ": expected a mapping");
        @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) m;
        return new YamlTree(mm, at(key));
    }

    List<YamlTree> objects(String key) {
        if (!has(key)) return List.of();
        Object v = map.get(key);
        if (!(v instanceof List<?> l)) throw new ConfigException(at(key) + ": expected a list");
        java.util.ArrayList<YamlTree> out = new java.util.ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) throw new ConfigException(at(key) + "[" + i + "]: expected a mapping");
            @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) m;
            out.add(new YamlTree(mm, at(key) + "[" + i + "]"));
        }
        return out;
    }

    List<String> strings(String key) {
        if (!has(key)) return List.of();
        Object v = map.get(key);
        if (!(v instanceof List<?> l)) throw new ConfigException(at(key) + ": expected a list");
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Object e = l.get(i);
            if (e == null || e instanceof Map<?, ?> || e instanceof List<?>) throw new ConfigException(at(key) + "[" + i + "]: expected a string");
            out.add(String.valueOf(e));
        }
        return out;
    }

    /** Wraps a conversion so that its error carries the key's path. */
    <T> T convert(String key, java.util.function.Function<String, T> parse) {
        String v = string(key);
        try {
            return parse.apply(v);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(at(key) + ": " + (e.getMessage() == null ? "invalid value \"" + v + "\"" : e.getMessage()));
        }
    }

    String path(String key) {
        return at(key);
    }

    private Object required(String key) {
        Object v = map.get(key);
        if (v == null) throw new ConfigException(at(key) + ": required");
        return v;
    }
}
