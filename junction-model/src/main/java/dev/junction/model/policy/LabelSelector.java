package dev.junction.model.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector: every matchLabels pair and every expression must hold. The empty selector
 * matches everything (an absent selector is modelled by the caller, as null).
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    /** One matchExpressions entry. In/NotIn carry values; Exists/DoesNotExist none. */
    public record Requirement(String key, Operator operator, Set<String> values) {
        public Requirement {
            values = Set.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }
    }

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        expressions = List.copyOf(expressions);
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && expressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : expressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
