package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Label selectors (meta/v1 {@code LabelSelector}, see the "Labels and Selectors" concept page): "The requirements
 * are ANDed"; "An empty label selector matches all objects"; {@code matchLabels} entries are {@code key In (value)}.
 * Operators: {@code In} (the label is present with one of the values), {@code NotIn} (absent, or present with none of
 * the values), {@code Exists} (present), {@code DoesNotExist} (absent). "If the operator is In or NotIn, the values
 * array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty."
 */
final class LabelSelectors {
    private LabelSelectors() {}

    /** Whether {@code selector} (never null here: callers substitute the empty selector) matches {@code labels}. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : expressions(selector)) {
            String value = labels.get(r.getKey());
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalStateException("unvalidated operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** What makes the selector invalid, with {@code path} as its field path; empty when it is valid. */
    static Optional<String> problem(LabelSelector selector, String path) {
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                    return Optional.of(path + ".matchLabels: empty key or null value");
                }
            }
        }
        List<LabelSelectorRequirement> expressions = expressions(selector);
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            String at = path + ".matchExpressions[" + i + "]";
            int values = r.getValues() == null ? 0 : r.getValues().size();
            if (r.getKey() == null || r.getKey().isEmpty()) {
                return Optional.of(at + ".key: must not be empty");
            }
            String operator = r.getOperator() == null ? "" : r.getOperator();
            switch (operator) {
                case "In", "NotIn" -> {
                    if (values == 0) {
                        return Optional.of(at + ".values: must be non-empty for operator " + operator);
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (values != 0) {
                        return Optional.of(at + ".values: must be empty for operator " + operator);
                    }
                }
                default -> {
                    return Optional.of(at + ".operator: \"" + operator + "\" is not In, NotIn, Exists or DoesNotExist");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The selector in kubectl's notation, sorted: {@code app=web, role in (a,b), tier notin (x), env, !legacy};
     * {@code {}} for the empty selector.
     */
    static String render(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        for (LabelSelectorRequirement r : expressions(selector)) {
            String values = r.getValues() == null ? "" : String.join(",", r.getValues());
            parts.add(switch (r.getOperator()) {
                case "In" -> r.getKey() + " in (" + values + ")";
                case "NotIn" -> r.getKey() + " notin (" + values + ")";
                case "Exists" -> r.getKey();
                case "DoesNotExist" -> "!" + r.getKey();
                default -> r.getKey() + " " + r.getOperator() + " (" + values + ")";
            });
        }
        return parts.isEmpty() ? "{}" : String.join(", ", parts);
    }

    private static List<LabelSelectorRequirement> expressions(LabelSelector selector) {
        return selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    }
}
