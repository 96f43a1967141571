package dev.junction.router.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class TinyYamlTest {
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("---\n- a\n- b\n", List.of("a", "b")),
                Arguments.of("- a: 1\n  b: x, y\n- c: \"q\\\"uote\"\n", List.of(Map.of("a", "1", "b", "x, y"), Map.of("c", "q\"uote"))),
                Arguments.of("list:\n- 1\n- 2\nother: 'it''s'\n", Map.of("list", List.of("1", "2"), "other", "it's")),
                Arguments.of("- bfd:\n    enabled: true\n  x: fd00::1 # comment\n", List.of(Map.of("bfd", Map.of("enabled", "true"), "x", "fd00::1"))),
                Arguments.of("[{\"a\": \"1\"}, {b: [2, 3]}, []]", List.of(Map.of("a", "1"), Map.of("b", List.of("2", "3")), List.of())),
                Arguments.of("- pw: abc#def\n", List.of(Map.of("pw", "abc#def"))),
                Arguments.of("-\n  a: 1\n", List.of(Map.of("a", "1"))));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptedSubset(String yaml, Object expected) {
        assertThat(TinyYaml.parse(yaml)).isEqualTo(expected);
    }

    static Stream<String> malformed() {
        return Stream.of(
                "- remoteip: 1.2.3.4\n\tremoteasn: 1\n",            // tab
                "- remoteip: 1.2.3.4\n remoteasn: 1\n",             // indentation
                "- a: 1\n  a: 2\n",                                 // duplicate key
                "- a: &x 1\n",                                      // anchor
                "- a: |\n    text\n",                               // block scalar
                "- a: \"unterminated\n",
                "[{a: 1}",
                "- a: b: c\n",
                "- {a: 1, a: 2}\n",
                "- password: \"U2Vj\\qdXJl\"\n");                   // unsupported escape
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputIsAnErrorWithALineNumberOnly(String yaml) {
        assertThatThrownBy(() -> TinyYaml.parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line ").satisfies(e -> assertThat(e.getMessage()).doesNotContain("U2Vj"));
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> TinyYaml.parse("- a: 1\n\n  a: 2\n")).hasMessage("line 3: duplicate key a");
    }
}
