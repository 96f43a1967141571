package dev.junction.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/** Null-safe reads of fabric8 model fields (its lists and maps may be null when built by hand). */
final class Fields {
    private Fields() {}

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    /**
     * metadata.labels without null keys or values, which only a hand-written manifest can hold and which the model's
     * immutable maps refuse; each one dropped is a warning.
     */
    static Map<String, String> labels(ObjectMeta meta, List<String> warnings) {
        return withoutNulls("metadata.labels", meta == null ? null : meta.getLabels(), warnings);
    }

    /** metadata.annotations without null keys or values, as {@link #labels}. */
    static Map<String, String> annotations(ObjectMeta meta, List<String> warnings) {
        return withoutNulls("metadata.annotations", meta == null ? null : meta.getAnnotations(), warnings);
    }

    private static Map<String, String> withoutNulls(String field, Map<String, String> raw, List<String> warnings) {
        Map<String, String> out = new java.util.HashMap<>();
        map(raw).forEach((k, v) -> {
            if (k == null || v == null) {
                warnings.add(field + "[" + k + "]: null " + (k == null ? "key" : "value") + "; dropped");
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static int intOr(Integer i, int dflt) {
        return i == null ? dflt : i;
    }

    /** {@code "text"} quoted for a reason, or {@code null} unquoted. */
    static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }

    static String label(ObjectMeta meta, String key) {
        return meta == null ? null : map(meta.getLabels()).get(key);
    }

    static String annotation(ObjectMeta meta, String key) {
        return meta == null ? null : map(meta.getAnnotations()).get(key);
    }

    /** Stops the conversion unless the object has a namespace and a name. */
    static void requireNamespacedName(ObjectMeta meta) {
        if (meta == null || blank(meta.getName())) {
            throw new InvalidObject("metadata.name is missing");
        }
        if (blank(meta.getNamespace())) {
            throw new InvalidObject("metadata.namespace is missing");
        }
    }

    static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidObject(field + ": " + value + " is out of range " + min + "-" + max);
        }
    }
}
