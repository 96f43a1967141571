package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Random label selectors over the labels {@link RandomPolicies} puts on pods ({@code app}, {@code role}) and
 * namespaces ({@code team}, {@code env}, {@code kubernetes.io/metadata.name}), with {@code matchLabels} and
 * {@code matchExpressions} of all four operators, and sometimes the empty selector.
 */
final class RandomSelectors {
    static final Map<String, List<String>> POD_LABELS = Map.of(
            "app", List.of("web", "db", "api"),
            "role", List.of("frontend", "backend"));
    static final Map<String, List<String>> NAMESPACE_LABELS = Map.of(
            "team", List.of("a", "b", "c"),
            "env", List.of("prod", "dev"),
            PolicyOracle.NAMESPACE_NAME_LABEL, List.of("ns-a", "ns-b", "ns-c"));
    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private final RandomGenerator random;

    RandomSelectors(RandomGenerator random) {
        this.random = random;
    }

    LabelSelector pods() {
        return selector(POD_LABELS, List.of("app", "role"));
    }

    LabelSelector namespaces() {
        return selector(NAMESPACE_LABELS, List.of("team", "env", PolicyOracle.NAMESPACE_NAME_LABEL));
    }

    private LabelSelector selector(Map<String, List<String>> labels, List<String> keys) {
        LabelSelector s = new LabelSelector();
        if (random.nextInt(4) == 0) {
            return s;
        }
        boolean labelsPart = random.nextBoolean();
        boolean expressionPart = !labelsPart || random.nextInt(3) == 0;
        if (labelsPart) {
            String key = pick(keys);
            Map<String, String> matchLabels = new LinkedHashMap<>();
            matchLabels.put(key, pick(labels.get(key)));
            s.setMatchLabels(matchLabels);
        }
        if (expressionPart) {
            List<LabelSelectorRequirement> expressions = new ArrayList<>();
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                String key = pick(keys);
                String operator = pick(OPERATORS);
                List<String> values = new ArrayList<>();
                if (operator.equals("In") || operator.equals("NotIn")) {
                    List<String> pool = labels.get(key);
                    values.add(pick(pool));
                    if (random.nextBoolean()) {
                        String second = pick(pool);
                        if (!values.contains(second)) {
                            values.add(second);
                        }
                    }
                }
                expressions.add(new LabelSelectorRequirement(key, operator, values));
            }
            s.setMatchExpressions(expressions);
        }
        return s;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
