package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class ProbeJudgeTest {

    private static final Expectation WEB12 = new Expectation.Backends(List.of("demo/web-1", "demo/web-2"));
    private static final Expectation ONE_OF = new Expectation.OneOf(List.of("demo/web-1", "demo/web-2"));

    /** "web-1,web-2,ERR" -> one try each. */
    private static List<TryOutcome> tries(String spec) {
        List<TryOutcome> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            out.add(s.equals("ERR") ? new TryOutcome(null, "timeout", "10.244.0.2:4000")
                    : new TryOutcome("demo/" + s, null, "10.244.0.2:4000"));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("allow: all answered", new Expectation.Allow(), "web-1,web-2,web-1", true),
                Arguments.of("allow: one failed", new Expectation.Allow(), "web-1,ERR,web-1", false),
                Arguments.of("deny: nothing answered", new Expectation.Deny(), "ERR,ERR,ERR", true),
                Arguments.of("deny: one answered", new Expectation.Deny(), "ERR,web-1,ERR", false),
                Arguments.of("backends: all seen", WEB12, "web-1,web-2,web-2", true),
                Arguments.of("backends: one missing", WEB12, "web-1,web-1,web-1", false),
                Arguments.of("backends: an extra one", WEB12, "web-1,web-2,web-3", false),
                Arguments.of("backends: a failed try", WEB12, "web-1,web-2,ERR", false),
                Arguments.of("oneOf: sticky", ONE_OF, "web-2,web-2,web-2", true),
                Arguments.of("oneOf: moved", ONE_OF, "web-2,web-1,web-2", false),
                Arguments.of("oneOf: not listed", ONE_OF, "web-3,web-3", false),
                Arguments.of("oneOf: a failed try", ONE_OF, "web-2,ERR", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesAnswersAgainstTheExpectation(String name, Expectation expect, String spec, boolean passes) {
        List<TryOutcome> t = tries(spec);
        Probe probe = Probe.of(name, "demo/client", "ip 10.96.0.10:80", expect).withTries(t.size());
        assertThat(ProbeJudge.judge(probe, t, List.of(), Set.of()).passed()).isEqualTo(passes);
    }

    @Test
    void countsAnswersAndErrorsForTheSeenColumn() {
        Probe probe = Probe.of("p", "demo/client", "ip 10.96.0.10:80", WEB12).withTries(4);
        ProbeResult r = ProbeJudge.judge(probe, tries("web-2,web-1,web-2,ERR"), List.of(), Set.of());
        assertThat(r.seen()).isEqualTo("demo/web-1 x1, demo/web-2 x2, ERR timeout x1");
        assertThat(r.detail()).isEqualTo("1 tries failed");
    }

    @Test
    void aProbeThatGaveUpEarlyFails() {
        Probe probe = Probe.of("p", "demo/client", "ip 10.96.0.10:80", new Expectation.Allow()).withTries(5);
        assertThat(ProbeJudge.judge(probe, tries("web-1,web-1"), List.of(), Set.of()).detail())
                .contains("gave up after 2 of 5 tries");
    }

    @Test
    void checksTheSourceAddressesTheBackendsSaw() {
        Probe preserved = Probe.of("p", "external", "nodeport 30090", new Expectation.Allow()).withTries(1)
                .withSourceIp(SourceIpCheck.PRESERVED);
        Probe masqueraded = preserved.withSourceIp(SourceIpCheck.MASQUERADED);
        List<TryOutcome> one = tries("web-1");
        Set<String> client = Set.of("192.168.77.1");

        assertThat(ProbeJudge.judge(preserved, one, List.of("192.168.77.1"), client).passed()).isTrue();
        assertThat(ProbeJudge.judge(preserved, one, List.of("10.244.0.1"), client).detail())
                .contains("source IP not preserved: backends saw 10.244.0.1");
        assertThat(ProbeJudge.judge(masqueraded, one, List.of("10.244.0.1"), client).passed()).isTrue();
        assertThat(ProbeJudge.judge(masqueraded, one, List.of("10.244.0.1", "192.168.77.1"), client).passed())
                .isFalse();
        assertThat(ProbeJudge.judge(preserved, one, List.of(), client).detail())
                .contains("backends logged no connection");
    }

    @Test
    void parsesProbeClientLines() {
        assertThat(TryOutcome.parse("OK demo/web-1 10.244.0.2:40000"))
                .isEqualTo(new TryOutcome("demo/web-1", null, "10.244.0.2:40000"));
        assertThat(TryOutcome.parse("ERR refused 0.0.0.0:0").localIp()).isNull();
        assertThat(TryOutcome.parse("ERR timeout 10.244.0.2:40001").localIp()).isEqualTo("10.244.0.2");
        assertThat(TryOutcome.parse("Traceback").answered()).isFalse();
    }
}
