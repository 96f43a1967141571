package dev.junction.kube;

import static dev.junction.kube.NetworkPolicyConverterTest.expr;
import static dev.junction.kube.NetworkPolicyConverterTest.rule;
import static dev.junction.kube.NetworkPolicyConverterTest.selector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Cidr;
import dev.junction.model.Protocol;
import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.LabelSelector.Operator;
import dev.junction.model.policy.LabelSelector.Requirement;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PolicyPeer;
import dev.junction.model.policy.PolicyPort;
import dev.junction.model.policy.PolicyRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a valid policy becomes. Objects from {@link PolicyTestObjects}; IP plan there. */
@Tag("unit")
class NetworkPolicyConversionTest {
    private final NetworkPolicyConverter converter = new NetworkPolicyConverter();

    private static final PolicyRule ALLOW_WEB = new PolicyRule(
            List.of(new PolicyPeer.Pods(new LabelSelector(Map.of("app", "client"), List.of()), null),
                    new PolicyPeer.Pods(null, new LabelSelector(Map.of("env", "prod"), List.of())),
                    new PolicyPeer.IpBlock(Cidr.of("192.0.2.0/24"), List.of(Cidr.of("192.0.2.128/25")))),
            List.of(new PolicyPort(Protocol.TCP, 8080, null, 0), new PolicyPort(Protocol.TCP, 0, "http", 0)));

    @Test
    void convertsAPolicy() {
        assertThat(accept(PolicyTestObjects.policy())).isEqualTo(new NetworkPolicy("default", "allow-web",
                new LabelSelector(Map.of("app", "web"), List.of()), true, false, List.of(ALLOW_WEB), List.of()));
    }

    static Stream<Arguments> policyTypes() {
        NetworkPolicyEgressRule dns = new NetworkPolicyEgressRule(
                List.of(new NetworkPolicyPort(null, new IntOrString(53), "UDP")), List.of());
        PolicyRule dnsRule = new PolicyRule(List.of(), List.of(new PolicyPort(Protocol.UDP, 53, null, 0)));
        return Stream.of(
                // policyTypes, egress rules -> isolates ingress, isolates egress, egress rules kept
                Arguments.of(List.of(), List.of(), true, false, List.of()),
                Arguments.of(List.of(), List.of(dns), true, true, List.of(dnsRule)),
                Arguments.of(List.of("Ingress"), List.of(dns), true, false, List.of()),
                Arguments.of(List.of("Egress"), List.of(), false, true, List.of()),
                Arguments.of(List.of("Egress"), List.of(dns), false, true, List.of(dnsRule)),
                Arguments.of(List.of("Ingress", "Egress"), List.of(), true, true, List.of()),
                Arguments.of(List.of("Egress", "Egress"), List.of(dns), false, true, List.of(dnsRule)));
    }

    @ParameterizedTest(name = "policyTypes {0}, {1} egress rules")
    @MethodSource("policyTypes")
    void appliesExplicitOrImpliedPolicyTypes(List<String> types, List<NetworkPolicyEgressRule> egress,
            boolean isolatesIngress, boolean isolatesEgress, List<PolicyRule> egressRules) {
        var p = PolicyTestObjects.policy();
        p.getSpec().setPolicyTypes(types);
        p.getSpec().setEgress(egress);
        NetworkPolicy policy = accept(p);
        assertThat(policy.ingress()).isEqualTo(isolatesIngress);
        assertThat(policy.egress()).isEqualTo(isolatesEgress);
        // Rules of a direction the policy does not isolate have no effect, and are left out.
        assertThat(policy.ingressRules()).isEqualTo(isolatesIngress ? List.of(ALLOW_WEB) : List.of());
        assertThat(policy.egressRules()).isEqualTo(egressRules);
    }

    @Test
    void aPolicyWithoutSpecDeniesAllIngressInItsNamespace() {
        var p = PolicyTestObjects.policy();
        p.setSpec(null);
        assertThat(accept(p)).isEqualTo(new NetworkPolicy("default", "allow-web", LabelSelector.EVERYTHING, true,
                false, List.of(), List.of()));
    }

    @Test
    void aMissingPodSelectorSelectsEveryPod() {
        var p = PolicyTestObjects.policy();
        p.getSpec().setPodSelector(null);
        assertThat(accept(p).podSelector()).isEqualTo(LabelSelector.EVERYTHING);
    }

    @Test
    void anEmptyRuleAllowsEverything() {
        var p = PolicyTestObjects.policy();
        p.getSpec().setIngress(List.of(new NetworkPolicyIngressRule()));
        assertThat(accept(p).ingressRules()).containsExactly(new PolicyRule(List.of(), List.of()));
    }

    @Test
    void convertsMatchExpressions() {
        var p = PolicyTestObjects.policy();
        p.getSpec().setPodSelector(selector(expr("app.kubernetes.io/name", "In", "web", "api"),
                expr("tier", "NotIn", "db"), expr("team", "Exists"), expr("legacy", "DoesNotExist")));
        p.getSpec().getPodSelector().setMatchLabels(Map.of("env", ""));
        assertThat(accept(p).podSelector()).isEqualTo(new LabelSelector(Map.of("env", ""), List.of(
                new Requirement("app.kubernetes.io/name", Operator.IN, Set.of("web", "api")),
                new Requirement("tier", Operator.NOT_IN, Set.of("db")),
                new Requirement("team", Operator.EXISTS, Set.of()),
                new Requirement("legacy", Operator.DOES_NOT_EXIST, Set.of()))));
    }

    @Test
    void keepsBothSelectorsOfAPeer() {
        var p = PolicyTestObjects.policy();
        NetworkPolicyConverterTest.from(p, 0).setNamespaceSelector(new io.fabric8.kubernetes.api.model.LabelSelector());
        assertThat(accept(p).ingressRules().getFirst().peers().getFirst()).isEqualTo(new PolicyPeer.Pods(
                new LabelSelector(Map.of("app", "client"), List.of()), LabelSelector.EVERYTHING));
    }

    static Stream<Arguments> portCases() {
        return Stream.of(
                // protocol, port, endPort -> model
                Arguments.of(null, null, null, new PolicyPort(Protocol.TCP, 0, null, 0)),
                Arguments.of("UDP", null, null, new PolicyPort(Protocol.UDP, 0, null, 0)),
                Arguments.of("SCTP", new IntOrString(9000), null, new PolicyPort(Protocol.SCTP, 9000, null, 0)),
                Arguments.of("TCP", new IntOrString(8000), 9000, new PolicyPort(Protocol.TCP, 8000, null, 9000)),
                Arguments.of("TCP", new IntOrString(8000), 8000, new PolicyPort(Protocol.TCP, 8000, null, 8000)),
                Arguments.of("UDP", new IntOrString("dns"), null, new PolicyPort(Protocol.UDP, 0, "dns", 0)),
                Arguments.of(null, new IntOrString(65535), 65535, new PolicyPort(Protocol.TCP, 65535, null, 65535)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("portCases")
    void convertsPorts(String protocol, IntOrString number, Integer endPort, PolicyPort expected) {
        var p = PolicyTestObjects.policy();
        rule(p).setPorts(List.of(new NetworkPolicyPort(endPort, number, protocol)));
        assertThat(accept(p).ingressRules().getFirst().ports()).containsExactly(expected);
    }

    @Test
    void convertsEgressPeers() {
        var p = PolicyTestObjects.policy();
        p.getSpec().setPolicyTypes(List.of("Egress"));
        p.getSpec().setEgress(List.of(new NetworkPolicyEgressRule(List.of(), rule(p).getFrom())));
        assertThat(accept(p).egressRules()).containsExactly(new PolicyRule(ALLOW_WEB.peers(), List.of()));
    }

    @Test
    void neverThrowsOnNullLists() {
        var p = PolicyTestObjects.policy();
        rule(p).setFrom(null);
        rule(p).setPorts(null);
        p.getSpec().setPolicyTypes(null);
        p.getSpec().setEgress(null);
        assertThat(accept(p).ingressRules()).containsExactly(new PolicyRule(List.of(), List.of()));
    }

    private NetworkPolicy accept(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy p) {
        var r = converter.convert(p);
        assertThat(r).isInstanceOf(Conversion.Accepted.class);
        var accepted = (Conversion.Accepted<NetworkPolicy>) r;
        assertThat(accepted.warnings()).isEmpty();
        return accepted.value();
    }
}
