package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NodeNamesTest {
    @Test
    void prefersTheOverrideThenTheEnvironmentThenTheHostname() {
        assertThat(NodeNames.resolve("override", "env", () -> "host")).isEqualTo("override");
        assertThat(NodeNames.resolve(" ", "env", () -> "host")).isEqualTo("env");
        assertThat(NodeNames.resolve(null, null, () -> "Host-1.Example\n")).isEqualTo("host-1.example");
    }

    @Test
    void failsWithoutAnyName() {
        assertThatThrownBy(() -> NodeNames.resolve("", "", () -> null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsTheKernelHostname() {
        assertThat(NodeNames.hostname()).isNotBlank();
    }
}
