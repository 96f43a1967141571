package dev.junction.kube;

import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.LabelSelector.Operator;
import dev.junction.model.policy.LabelSelector.Requirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validates a meta/v1 LabelSelector as the API server does ({@code ValidateLabelSelector}) and turns it into the
 * model's. Key and value syntax is checked too: an invalid key can never be a label, so {@code DoesNotExist} or
 * {@code NotIn} on it would silently select every pod, which is not what the author of the manifest meant.
 */
final class Selectors {
    /** The name part of a label key and a non-empty label value (IsQualifiedName, IsValidLabelValue). */
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    /** The optional prefix of a label key: a DNS-1123 subdomain. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Selectors() {}

    /**
     * @param field the selector's path, such as {@code spec.ingress[0].from[1].podSelector}
     * @return null for a null selector (absent, which peers tell apart from empty)
     */
    static LabelSelector convert(io.fabric8.kubernetes.api.model.LabelSelector s, String field) {
        if (s == null) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>();
        if (s.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : s.getMatchLabels().entrySet()) {
                if (!isKey(e.getKey())) {
                    throw new InvalidObject(field + ".matchLabels: " + quote(e.getKey()) + " is not a valid label key");
                }
                if (!isValue(e.getValue())) {
                    throw new InvalidObject(field + ".matchLabels[" + e.getKey() + "]: " + quote(e.getValue())
                            + " is not a valid label value");
                }
                labels.put(e.getKey(), e.getValue());
            }
        }
        List<LabelSelectorRequirement> raw = list(s.getMatchExpressions());
        List<Requirement> expressions = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            expressions.add(requirement(raw.get(i), field + ".matchExpressions[" + i + "]"));
        }
        return new LabelSelector(labels, expressions);
    }

    private static Requirement requirement(LabelSelectorRequirement r, String field) {
        if (r == null) {
            throw new InvalidObject(field + ": is null");
        }
        if (!isKey(r.getKey())) {
            throw new InvalidObject(field + ".key: " + quote(r.getKey()) + " is not a valid label key");
        }
        Operator op = switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new InvalidObject(field + ".operator: " + quote(r.getOperator())
                    + " is not In, NotIn, Exists or DoesNotExist");
        };
        List<String> values = list(r.getValues());
        boolean needsValues = op == Operator.IN || op == Operator.NOT_IN;
        if (needsValues && values.isEmpty()) {
            throw new InvalidObject(field + ".values: must be non-empty for operator " + r.getOperator());
        }
        if (!needsValues && !values.isEmpty()) {
            throw new InvalidObject(field + ".values: must be empty for operator " + r.getOperator());
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!isValue(values.get(i))) {
                throw new InvalidObject(field + ".values[" + i + "]: " + quote(values.get(i))
                        + " is not a valid label value");
            }
            out.add(values.get(i));
        }
        return new Requirement(r.getKey(), op, out);
    }

    /** {@code [prefix/]name}: prefix a DNS subdomain of at most 253 characters, name 1-63 characters. */
    static boolean isKey(String key) {
        if (key == null) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
                return false;
            }
        }
        return name.length() <= 63 && NAME.matcher(name).matches();
    }

    /** Empty, or 1-63 characters of the name syntax. */
    static boolean isValue(String value) {
        return value != null && (value.isEmpty() || value.length() <= 63 && NAME.matcher(value).matches());
    }
}
