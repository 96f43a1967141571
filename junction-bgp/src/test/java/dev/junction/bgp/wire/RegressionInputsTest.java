package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes every input under {@code regressions/} and checks its stated outcome (format in that folder's README). */
@Tag("unit")
class RegressionInputsTest {

    static Stream<Path> inputs() throws IOException, URISyntaxException {
        Path dir = Path.of(RegressionInputsTest.class.getResource("regressions").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void decodesAsExpected(Path file) throws IOException {
        String text = Files.readString(file);
        String context = field(text, "context:");
        String expect = field(text, "expect:");
        String hex = text.lines().filter(l -> !l.startsWith("context:") && !l.startsWith("expect:"))
                .reduce("", (a, b) -> a + "\n" + b);
        DecodeContext ctx = new DecodeContext(context.contains("4-octet"), context.contains("extended"),
                context.contains("external"), context.contains("ipv4-only") ? Set.of(AfiSafi.IPV4_UNICAST)
                : Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
        DecodeResult r = MessageCodec.decodeStrict(((FrameResult.Complete) Framer.frame(Hex.of(hex), ctx.extendedMessages())).frame(), ctx);
        String[] e = expect.split("\\s+");
        if (e[0].equals("failure")) {
            String[] cs = e[1].split("/");
            assertThat(r).as(r.toString()).isInstanceOfSatisfying(DecodeResult.Failure.class, f -> {
                assertThat(f.error().code()).isEqualTo(Integer.parseInt(cs[0]));
                assertThat(f.error().subcode()).isEqualTo(Integer.parseInt(cs[1]));
            });
        } else if (e.length == 1) {
            assertThat(r).as(r.toString()).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> assertThat(ok.problems()).isEmpty());
        } else {
            ErrorAction action = ErrorAction.valueOf(e[1]);
            assertThat(r).as(r.toString()).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> {
                assertThat(ok.action()).contains(action);
                assertThat(ok.problems().stream().filter(p -> p.action() == action).findFirst().orElseThrow().subcode())
                        .isEqualTo(Integer.parseInt(e[2]));
            });
        }
    }

    private static String field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name)).findFirst().orElseThrow().substring(name.length()).trim();
    }
}
