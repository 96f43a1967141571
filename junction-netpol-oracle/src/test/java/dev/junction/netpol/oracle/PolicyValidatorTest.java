package dev.junction.netpol.oracle;

import static dev.junction.netpol.oracle.DocumentedPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid policies are reported with the field at fault and ignored; the pods they would select stay open. */
@Tag("unit")
class PolicyValidatorTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a bad CIDR", "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]",
                        "spec.ingress[0].from[0].ipBlock.cidr: \"10.0.0.0/33\" has a prefix longer than its address"),
                Arguments.of("not a CIDR", "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0}}]}]", "ipBlock.cidr: \"10.0.0.0\" is not a CIDR"),
                Arguments.of("an except outside its cidr", "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]",
                        "spec.ingress[0].from[0].ipBlock.except[0]: 10.1.0.0/24 is not a strict subset of cidr 10.0.0.0/16"),
                Arguments.of("an except equal to its cidr", "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}}]}]",
                        "is not a strict subset"),
                Arguments.of("an except of the other family", "ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [\"fd00::/64\"]}}]}]",
                        "is not a strict subset"),
                Arguments.of("an unknown protocol", "egress: [{ports: [{protocol: ICMP, port: 80}]}]",
                        "spec.egress[0].ports[0].protocol: \"ICMP\" is not TCP, UDP or SCTP"),
                Arguments.of("a lower-case protocol", "ingress: [{ports: [{protocol: tcp}]}]", "\"tcp\" is not TCP, UDP or SCTP"),
                Arguments.of("endPort below port", "ingress: [{ports: [{port: 81, endPort: 80}]}]",
                        "spec.ingress[0].ports[0].endPort: 80 is less than port 81"),
                Arguments.of("endPort with a named port", "ingress: [{ports: [{port: http, endPort: 81}]}]",
                        "endPort: requires a numeric port, not the named port http"),
                Arguments.of("endPort without a port", "ingress: [{ports: [{endPort: 81}]}]", "endPort: requires a numeric port"),
                Arguments.of("a port out of range", "ingress: [{ports: [{port: 70000}]}]", "ports[0].port: 70000 is not in 1-65535"),
                Arguments.of("a port name that is not one", "ingress: [{ports: [{port: \"Not_A_Name\"}]}]", "is neither a port number nor a port name"),
                Arguments.of("an empty peer", "ingress: [{from: [{}]}]",
                        "spec.ingress[0].from[0]: must specify podSelector, namespaceSelector or ipBlock"),
                Arguments.of("ipBlock with a selector", "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]",
                        "ipBlock may not be combined"),
                Arguments.of("an unknown operator", "ingress: [{from: [{podSelector: {matchExpressions: [{key: a, operator: Gt, values: [\"1\"]}]}}]}]",
                        "from[0].podSelector.matchExpressions[0].operator: \"Gt\" is not In, NotIn, Exists or DoesNotExist"),
                Arguments.of("In without values", "ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: a, operator: In}]}}]}]",
                        "values: must be non-empty for operator In"),
                Arguments.of("Exists with values", "ingress: [{from: [{podSelector: {matchExpressions: [{key: a, operator: Exists, values: [x]}]}}]}]",
                        "values: must be empty for operator Exists"),
                Arguments.of("an unknown policy type", "policyTypes: [Ingress, Sideways]", "spec.policyTypes[1]: \"Sideways\" is not Ingress or Egress"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsAndIgnoresAnInvalidPolicy(String name, String spec, String reason) {
        String policies = policy("bad", "{}", spec) + "---\n" + policy("fine", "{matchLabels: {role: other}}", "policyTypes: [Ingress]");
        PolicyOracle oracle = new TestCluster().namespace("default").pod("default/web", "10.244.0.2", "role=web")
                .policies(policies).oracle();
        assertThat(oracle.invalidPolicies()).singleElement().satisfies(p -> {
            assertThat(p.namespace() + "/" + p.name()).isEqualTo("default/bad");
            assertThat(p.reason()).contains(reason);
        });
        Verdict v = oracle.decide(Peer.ip("203.0.113.1"), Peer.pod("default/web"), 80, "TCP");
        assertThat(v.allowed()).isTrue();
        assertThat(v.explain()).contains("ingress of default/web: no policy selects this pod for ingress: open")
                .anySatisfy(l -> assertThat(l).startsWith("ignored invalid policy default/bad: "));
    }

    @Test
    void acceptsTheEdgesOfWhatIsValid() {
        String valid = policy("edges", "{matchExpressions: [{key: a, operator: DoesNotExist}]}", """
                ingress:
                  - from: [{ipBlock: {cidr: 192.168.1.1/24, except: [192.168.1.128/25, 192.168.1.7/32]}}]
                    ports: [{port: 80, endPort: 80}, {protocol: SCTP}, {port: my-port-1}, {port: 65535}]""");
        PolicyOracle oracle = new TestCluster().namespace("default").policies(valid).oracle();
        assertThat(oracle.invalidPolicies()).isEmpty();
    }
}
