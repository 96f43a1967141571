package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.policy.NamespaceInfo;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NamespaceConverterTest {
    private final NamespaceConverter converter = new NamespaceConverter();

    @Test
    void convertsANamespaceAndSetsTheNameLabelLikeTheApiServer() {
        assertThat(converter.convert(PolicyTestObjects.namespace())).isEqualTo(new Conversion.Accepted<>(
                new NamespaceInfo("prod", Map.of("env", "prod", NamespaceConverter.NAME_LABEL, "prod")),
                java.util.List.of()));
    }

    @Test
    void theNameLabelAlwaysHoldsTheName() {
        var n = PolicyTestObjects.namespace();
        n.getMetadata().setLabels(Map.of(NamespaceConverter.NAME_LABEL, "spoofed"));
        var r = (Conversion.Accepted<NamespaceInfo>) converter.convert(n);
        assertThat(r.value().labels()).containsExactly(Map.entry(NamespaceConverter.NAME_LABEL, "prod"));
    }

    @Test
    void toleratesMissingLabels() {
        var n = PolicyTestObjects.namespace();
        n.getMetadata().setLabels(null);
        var r = (Conversion.Accepted<NamespaceInfo>) converter.convert(n);
        assertThat(r.value().labels()).containsOnlyKeys(NamespaceConverter.NAME_LABEL);
    }

    @Test
    void rejectsANamespaceWithoutName() {
        var n = PolicyTestObjects.namespace();
        n.getMetadata().setName(" ");
        assertThat(converter.convert(n)).isEqualTo(new Conversion.Rejected<NamespaceInfo>("metadata.name is missing"));
        n.setMetadata(null);
        assertThat(converter.convert(n)).isEqualTo(new Conversion.Rejected<NamespaceInfo>("metadata.name is missing"));
    }
}
