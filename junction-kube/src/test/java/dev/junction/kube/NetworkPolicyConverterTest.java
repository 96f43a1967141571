package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Cidr;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Every rule of the converter, table-driven: each case edits {@link PolicyTestObjects#policy()} (ingress[0] with
 * from[0] pods, from[1] namespaces, from[2] ipBlock 192.0.2.0/24; ports[0] 8080/TCP, ports[1] named http). The
 * accepted cases are in {@link NetworkPolicyConversionTest}.
 */
@Tag("unit")
class NetworkPolicyConverterTest {
    private final NetworkPolicyConverter converter = new NetworkPolicyConverter();

    static Arguments rejected(String reason, Consumer<NetworkPolicy> edit) {
        return Arguments.of(reason, edit);
    }

    static NetworkPolicyIngressRule rule(NetworkPolicy p) {
        return p.getSpec().getIngress().getFirst();
    }

    static NetworkPolicyPeer from(NetworkPolicy p, int i) {
        return rule(p).getFrom().get(i);
    }

    static NetworkPolicyPort port(NetworkPolicy p, int i) {
        return rule(p).getPorts().get(i);
    }

    static IPBlock block(NetworkPolicy p) {
        return from(p, 2).getIpBlock();
    }

    static LabelSelector selector(LabelSelectorRequirement... expressions) {
        return new LabelSelector(List.of(expressions), Map.of());
    }

    static LabelSelectorRequirement expr(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, List.of(values));
    }

    static <T> List<T> withNull(List<T> list, int at) {
        List<T> out = new ArrayList<>(list);
        out.add(at, null);
        return out;
    }

    static Stream<Arguments> metadataAndTypes() {
        return Stream.of(
                rejected("metadata.name is missing", p -> p.getMetadata().setName(null)),
                rejected("metadata.namespace is missing", p -> p.getMetadata().setNamespace("")),
                rejected("spec.policyTypes[0]: \"Both\" is not Ingress or Egress", p -> p.getSpec().setPolicyTypes(List.of("Both"))),
                rejected("spec.policyTypes[1]: \"ingress\" is not Ingress or Egress",
                        p -> p.getSpec().setPolicyTypes(List.of("Egress", "ingress"))),
                rejected("spec.policyTypes[0]: null is not Ingress or Egress",
                        p -> p.getSpec().setPolicyTypes(withNull(List.of(), 0))),
                rejected("spec.policyTypes: 3 entries; at most Ingress and Egress",
                        p -> p.getSpec().setPolicyTypes(List.of("Ingress", "Egress", "Ingress"))));
    }

    static Stream<Arguments> selectors() {
        String ps = "spec.podSelector.";
        return Stream.of(
                rejected(ps + "matchExpressions[0].operator: \"Like\" is not In, NotIn, Exists or DoesNotExist",
                        p -> p.getSpec().setPodSelector(selector(expr("app", "Like", "web")))),
                rejected(ps + "matchExpressions[0].operator: null is not In, NotIn, Exists or DoesNotExist",
                        p -> p.getSpec().setPodSelector(selector(new LabelSelectorRequirement("app", null, List.of())))),
                rejected(ps + "matchExpressions[0].values: must be non-empty for operator In",
                        p -> p.getSpec().setPodSelector(selector(expr("app", "In")))),
                rejected(ps + "matchExpressions[1].values: must be non-empty for operator NotIn",
                        p -> p.getSpec().setPodSelector(selector(expr("app", "Exists"), expr("tier", "NotIn")))),
                rejected(ps + "matchExpressions[0].values: must be empty for operator Exists",
                        p -> p.getSpec().setPodSelector(selector(expr("app", "Exists", "web")))),
                rejected(ps + "matchExpressions[0].values: must be empty for operator DoesNotExist",
                        p -> p.getSpec().setPodSelector(selector(expr("app", "DoesNotExist", "web")))),
                rejected(ps + "matchExpressions[0].key: \"\" is not a valid label key",
                        p -> p.getSpec().setPodSelector(selector(expr("", "Exists")))),
                rejected(ps + "matchExpressions[0].key: \"Example.com/app\" is not a valid label key",
                        p -> p.getSpec().setPodSelector(selector(expr("Example.com/app", "Exists")))),
                rejected(ps + "matchExpressions[0].values[1]: \"not valid!\" is not a valid label value",
                        p -> p.getSpec().setPodSelector(selector(expr("app", "In", "web", "not valid!")))),
                rejected(ps + "matchExpressions[0]: is null",
                        p -> p.getSpec().setPodSelector(new LabelSelector(withNull(List.of(), 0), Map.of()))),
                rejected(ps + "matchLabels: \"bad key\" is not a valid label key",
                        p -> p.getSpec().getPodSelector().setMatchLabels(Map.of("bad key", "x"))),
                rejected(ps + "matchLabels[app]: \"-web\" is not a valid label value",
                        p -> p.getSpec().getPodSelector().setMatchLabels(Map.of("app", "-web"))),
                rejected(ps + "matchLabels[app]: null is not a valid label value", p -> {
                    Map<String, String> labels = new HashMap<>();
                    labels.put("app", null);
                    p.getSpec().getPodSelector().setMatchLabels(labels);
                }),
                rejected(ps + "matchLabels[app]: \"" + "x".repeat(64) + "\" is not a valid label value",
                        p -> p.getSpec().getPodSelector().setMatchLabels(Map.of("app", "x".repeat(64)))),
                rejected("spec.ingress[0].from[1].namespaceSelector.matchExpressions[0].values: must be non-empty for operator In",
                        p -> from(p, 1).setNamespaceSelector(selector(expr("env", "In")))),
                rejected("spec.ingress[0].from[0].podSelector.matchExpressions[0].operator: \"exists\" is not In, NotIn, Exists or DoesNotExist",
                        p -> from(p, 0).setPodSelector(selector(expr("app", "exists")))));
    }

    static Stream<Arguments> peers() {
        String f = "spec.ingress[0].from";
        return Stream.of(
                rejected("spec.ingress[0]: is null", p -> p.getSpec().setIngress(withNull(p.getSpec().getIngress(), 0))),
                rejected(f + "[1]: is null", p -> rule(p).setFrom(withNull(rule(p).getFrom(), 1))),
                rejected(f + "[0]: must specify podSelector, namespaceSelector or ipBlock",
                        p -> rule(p).getFrom().set(0, new NetworkPolicyPeer())),
                rejected(f + "[2]: ipBlock may not be combined with podSelector or namespaceSelector",
                        p -> from(p, 2).setPodSelector(new LabelSelector())),
                rejected(f + "[2]: ipBlock may not be combined with podSelector or namespaceSelector",
                        p -> from(p, 2).setNamespaceSelector(new LabelSelector())),
                rejected("spec.egress[0]: is null", p -> p.getSpec().setEgress(withNull(List.of(), 0))),
                rejected("spec.egress[0].to[0]: must specify podSelector, namespaceSelector or ipBlock",
                        p -> p.getSpec().setEgress(List.of(new NetworkPolicyEgressRule(List.of(), List.of(new NetworkPolicyPeer()))))),
                // Rules of a direction the policy does not isolate are still validated, as by the API server.
                rejected(f + "[0]: must specify podSelector, namespaceSelector or ipBlock", p -> {
                    p.getSpec().setPolicyTypes(List.of("Egress"));
                    rule(p).getFrom().set(0, new NetworkPolicyPeer());
                }));
    }

    static Stream<Arguments> ipBlocks() {
        String b = "spec.ingress[0].from[2].ipBlock";
        return Stream.of(
                rejected(b + ".cidr: \"192.0.2.0\" is not a CIDR", p -> block(p).setCidr("192.0.2.0")),
                rejected(b + ".cidr: \"300.0.0.0/8\" is not a CIDR", p -> block(p).setCidr("300.0.0.0/8")),
                rejected(b + ".cidr: \"192.0.2.0/33\" is not a CIDR", p -> block(p).setCidr("192.0.2.0/33")),
                rejected(b + ".cidr: null is not a CIDR", p -> block(p).setCidr(null)),
                rejected(b + ".except[0]: \"192.0.2.x/25\" is not a CIDR", p -> block(p).setExcept(List.of("192.0.2.x/25"))),
                rejected(b + ".except[0]: null is not a CIDR", p -> block(p).setExcept(withNull(List.of(), 0))),
                rejected(b + ".except[0]: fd00:10::/64 is not of the family of cidr 192.0.2.0/24",
                        p -> block(p).setExcept(List.of("fd00:10::/64"))),
                rejected(b + ".except[0]: 198.51.100.0/25 is not inside 192.0.2.0/24",
                        p -> block(p).setExcept(List.of("198.51.100.0/25"))),
                rejected(b + ".except[0]: 192.0.0.0/16 is not inside 192.0.2.0/24",
                        p -> block(p).setExcept(List.of("192.0.0.0/16"))),
                rejected(b + ".except[0]: 192.0.2.0/24 is all of 192.0.2.0/24, not a strict subset",
                        p -> block(p).setExcept(List.of("192.0.2.0/24"))),
                rejected("spec.ingress[0].from[1].ipBlock.except[1]: 10.1.0.0/16 is not inside 10.0.0.0/16",
                        p -> rule(p).getFrom().set(1, new NetworkPolicyPeer(
                                new IPBlock("10.0.0.0/16", List.of("10.0.1.0/24", "10.1.0.0/16")), null, null))));
    }

    static Stream<Arguments> ports() {
        String p0 = "spec.ingress[0].ports[0]";
        String p1 = "spec.ingress[0].ports[1]";
        String badName = " is not a valid port name (1-15 lower-case letters, digits and single inner '-', with at least one letter)";
        return Stream.of(
                rejected(p0 + ": is null", p -> rule(p).setPorts(withNull(rule(p).getPorts(), 0))),
                rejected(p0 + ".protocol: \"ICMP\" is not TCP, UDP or SCTP", p -> port(p, 0).setProtocol("ICMP")),
                rejected(p0 + ".protocol: \"tcp\" is not TCP, UDP or SCTP", p -> port(p, 0).setProtocol("tcp")),
                rejected(p0 + ".port: 0 is out of range 1-65535", p -> port(p, 0).setPort(new IntOrString(0))),
                rejected(p0 + ".port: 65536 is out of range 1-65535", p -> port(p, 0).setPort(new IntOrString(65536))),
                // Only a hand-built object can hold an empty IntOrString; refused rather than read as "every port".
                rejected(p0 + ".port: null is neither a port number nor a port name",
                        p -> port(p, 0).setPort(new IntOrString())),
                rejected(p1 + ".port: \"HTTP\"" + badName, p -> port(p, 1).setPort(new IntOrString("HTTP"))),
                rejected(p1 + ".port: \"80\"" + badName, p -> port(p, 1).setPort(new IntOrString("80"))),
                rejected(p1 + ".port: \"\"" + badName, p -> port(p, 1).setPort(new IntOrString(""))),
                rejected(p1 + ".port: \"a-very-long-name\"" + badName, p -> port(p, 1).setPort(new IntOrString("a-very-long-name"))),
                rejected(p1 + ".port: \"-http\"" + badName, p -> port(p, 1).setPort(new IntOrString("-http"))),
                rejected(p1 + ".port: \"http-\"" + badName, p -> port(p, 1).setPort(new IntOrString("http-"))),
                rejected(p1 + ".port: \"ht--tp\"" + badName, p -> port(p, 1).setPort(new IntOrString("ht--tp"))),
                rejected(p1 + ".port: \"my_port\"" + badName, p -> port(p, 1).setPort(new IntOrString("my_port"))),
                rejected(p0 + ".endPort: may not be set without port", p -> {
                    port(p, 0).setPort(null);
                    port(p, 0).setEndPort(9000);
                }),
                rejected(p1 + ".endPort: may not be set with the named port \"http\"", p -> port(p, 1).setEndPort(9000)),
                rejected(p0 + ".endPort: 8000 is less than port 8080", p -> port(p, 0).setEndPort(8000)),
                rejected(p0 + ".endPort: 65536 is out of range 1-65535", p -> port(p, 0).setEndPort(65536)),
                rejected("spec.egress[0].ports[0].protocol: \"ALL\" is not TCP, UDP or SCTP",
                        p -> p.getSpec().setEgress(List.of(new NetworkPolicyEgressRule(
                                List.of(new NetworkPolicyPort(null, new IntOrString(53), "ALL")), List.of())))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"metadataAndTypes", "selectors", "peers", "ipBlocks", "ports"})
    void rejectsTheWholePolicyNamingTheField(String reason, Consumer<NetworkPolicy> edit) {
        NetworkPolicy p = PolicyTestObjects.policy();
        edit.accept(p);
        assertThat(converter.convert(p)).isEqualTo(new Conversion.Rejected<dev.junction.model.policy.NetworkPolicy>(reason));
    }

    static Stream<Arguments> validNamedPorts() {
        return Stream.of("http", "h2c", "web-8080", "a", "metrics-port-15", "1a").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validNamedPorts")
    void acceptsEveryIanaServiceName(String name) {
        NetworkPolicy p = PolicyTestObjects.policy();
        port(p, 1).setPort(new IntOrString(name));
        assertThat(converter.convert(p)).isInstanceOf(Conversion.Accepted.class);
    }

    static Stream<Arguments> validCidrs() {
        return Stream.of(
                Arguments.of("10.0.0.0/8", List.of("10.1.0.0/16", "10.2.3.4/32"), "10.0.0.0/8"),
                Arguments.of("192.0.2.77/24", List.of(), "192.0.2.0/24"), // host bits are cleared, as the API server allows
                Arguments.of("0.0.0.0/0", List.of("10.0.0.0/8"), "0.0.0.0/0"),
                Arguments.of("fd00:10::/48", List.of("fd00:10:0:1::/64"), "fd00:10::/48"),
                Arguments.of("::/0", List.of("fd00::/8"), "::/0"));
    }

    @ParameterizedTest(name = "{0} except {1}")
    @MethodSource("validCidrs")
    void acceptsIpBlocksWithStrictSubsetsAsExcept(String cidr, List<String> except, String canonical) {
        NetworkPolicy p = PolicyTestObjects.policy();
        block(p).setCidr(cidr);
        block(p).setExcept(except);
        var r = (Conversion.Accepted<dev.junction.model.policy.NetworkPolicy>) converter.convert(p);
        var b = (dev.junction.model.policy.PolicyPeer.IpBlock) r.value().ingressRules().getFirst().peers().get(2);
        assertThat(b.cidr()).isEqualTo(Cidr.of(canonical));
        assertThat(b.except()).hasSize(except.size());
    }
}
