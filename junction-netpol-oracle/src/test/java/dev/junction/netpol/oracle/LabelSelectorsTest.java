package dev.junction.netpol.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LabelSelectorsTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");
    private static final Map<String, String> NONE = Map.of();

    private static LabelSelector expression(String key, String operator, String... values) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator).withValues(values)
                .endMatchExpression().build();
    }

    @Test
    void theEmptySelectorMatchesEverything() {
        assertThat(LabelSelectors.matches(new LabelSelector(), WEB)).isTrue();
        assertThat(LabelSelectors.matches(new LabelSelector(), NONE)).isTrue();
        assertThat(LabelSelectors.render(new LabelSelector())).isEqualTo("{}");
    }

    @Test
    void matchLabelsNeedsEveryPair() {
        var s = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web", "tier", "front")).build();
        assertThat(LabelSelectors.matches(s, WEB)).isTrue();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web"))).isFalse();
        assertThat(LabelSelectors.render(s)).isEqualTo("app=web, tier=front");
    }

    @Test
    void inNeedsThePresentLabelWithOneOfTheValues() {
        assertThat(LabelSelectors.matches(expression("app", "In", "web", "db"), WEB)).isTrue();
        assertThat(LabelSelectors.matches(expression("app", "In", "db"), WEB)).isFalse();
        assertThat(LabelSelectors.matches(expression("app", "In", "web"), NONE)).isFalse();
    }

    @Test
    void notInMatchesAnAbsentLabel() {
        assertThat(LabelSelectors.matches(expression("app", "NotIn", "db"), WEB)).isTrue();
        assertThat(LabelSelectors.matches(expression("app", "NotIn", "web"), WEB)).isFalse();
        assertThat(LabelSelectors.matches(expression("app", "NotIn", "web"), NONE)).isTrue();
    }

    @Test
    void existsAndDoesNotExistLookAtTheKeyOnly() {
        assertThat(LabelSelectors.matches(expression("tier", "Exists"), WEB)).isTrue();
        assertThat(LabelSelectors.matches(expression("tier", "Exists"), NONE)).isFalse();
        assertThat(LabelSelectors.matches(expression("tier", "DoesNotExist"), WEB)).isFalse();
        assertThat(LabelSelectors.matches(expression("tier", "DoesNotExist"), NONE)).isTrue();
    }

    @Test
    void requirementsAreAnded() {
        var s = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web"))
                .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("front").endMatchExpression()
                .build();
        assertThat(LabelSelectors.matches(s, WEB)).isFalse();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web"))).isTrue();
        assertThat(LabelSelectors.render(s)).isEqualTo("app=web, tier notin (front)");
    }

    @Test
    void validatesOperatorsAndValues() {
        assertThat(LabelSelectors.problem(expression("a", "In"), "s")).contains("s.matchExpressions[0].values: must be non-empty for operator In");
        assertThat(LabelSelectors.problem(expression("a", "DoesNotExist", "x"), "s")).isPresent();
        assertThat(LabelSelectors.problem(expression("a", "Gt", "1"), "s")).isPresent();
        assertThat(LabelSelectors.problem(expression("a", "NotIn", "x"), "s")).isEmpty();
    }
}
