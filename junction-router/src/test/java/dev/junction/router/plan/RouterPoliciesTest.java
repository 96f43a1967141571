package dev.junction.router.plan;

import static dev.junction.router.plan.Nodes.dual;
import static dev.junction.router.plan.Nodes.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.Prefix;
import dev.junction.model.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's policies run on sample routes with {@link Policy#apply}, as the speaker runs them. */
@Tag("unit")
class RouterPoliciesTest {
    private static final Set<Prefix> VIPS = Set.of(Prefix.parse("10.96.0.10/32"), Prefix.parse("fd00:96::10/128"));
    private static final RouterNode SELF = Nodes.withExport(dual(1), List.of(), List.of(0xFFFFFF01L, 64512L << 16 | 7),
            Optional.of(new RouterNode.PathPrepend(65010, 2)), List.of(Cidr.of("172.16.0.0/12"), Cidr.of("fd00:dead::/32")));

    private static PeeringPlan.Plan plan(RouterFlags flags) {
        var withExternal = flags.toBuilder().globalPeers(List.of(ExternalPeer.of(ip("192.168.1.254"), 65000))).build();
        return PeeringPlan.compute(SELF, List.of(SELF, dual(2)), withExternal, VIPS);
    }

    private static PeerConfig peer(PeeringPlan.Plan plan, String name) {
        return plan.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static Stream<Arguments> exports() {
        return Stream.of(
                // peer, prefix, accepted with advertise-pod-cidr on, accepted with it off
                Arguments.of("node/n2", "10.244.1.0/24", true, true),
                Arguments.of("node/n2", "10.244.2.0/24", true, true),
                Arguments.of("node/n2", "fd00:244:2::/64", true, true),
                Arguments.of("node/n2", "10.244.1.0/25", false, false),
                Arguments.of("node/n2", "10.96.0.10/32", false, false),
                Arguments.of("node/n2", "198.51.100.0/24", false, false),
                Arguments.of("external/192.168.1.254", "10.244.1.0/24", true, false),
                Arguments.of("external/192.168.1.254", "fd00:244:1::/64", true, false),
                Arguments.of("external/192.168.1.254", "10.244.2.0/24", false, false),
                Arguments.of("external/192.168.1.254", "10.96.0.10/32", true, true),
                Arguments.of("external/192.168.1.254", "fd00:96::10/128", true, true),
                Arguments.of("external/192.168.1.254", "10.96.0.11/32", false, false),
                Arguments.of("external/192.168.1.254", "0.0.0.0/0", false, false));
    }

    @ParameterizedTest(name = "export {1} to {0}")
    @MethodSource("exports")
    void exportPolicies(String peer, String prefix, boolean withPodCidrs, boolean withoutPodCidrs) {
        assertThat(Policies.accepts(peer(plan(RouterFlags.defaults()), peer).exportPolicy(), prefix)).isEqualTo(withPodCidrs);
        assertThat(Policies.accepts(peer(plan(RouterFlags.builder().advertisePodCidr(false).build()), peer).exportPolicy(), prefix))
                .isEqualTo(withoutPodCidrs);
    }

    @Test
    void externalExportAddsCommunitiesAndPrepends() {
        Policy export = peer(plan(RouterFlags.defaults()), "external/192.168.1.254").exportPolicy();
        var verdict = export.apply(Prefix.parse("10.244.1.0/24"), RouteAttributes.local(List.of(0xFFFFFF01L)), new Policy.Context(64512, null));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.attributes().communities()).containsExactly(0xFFFFFF01L, 64512L << 16 | 7);
        assertThat(verdict.attributes().asPath()).containsExactly(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, List.of(65010L, 65010L)));
        var vip = export.apply(Prefix.parse("10.96.0.10/32"), RouteAttributes.local(List.of()), new Policy.Context(64512, null));
        assertThat(vip.term()).isEqualTo("service-vips");
        assertThat(vip.attributes().communities()).containsExactly(0xFFFFFF01L, 64512L << 16 | 7);
    }

    @Test
    void nodeExportLeavesAttributesAlone() {
        Policy export = peer(plan(RouterFlags.defaults()), "node/n2").exportPolicy();
        var verdict = export.apply(Prefix.parse("10.244.1.0/24"), RouteAttributes.local(List.of()), new Policy.Context(64512, null));
        assertThat(verdict.attributes()).isEqualTo(RouteAttributes.local(List.of()));
    }

    static Stream<Arguments> imports() {
        return Stream.of(
                Arguments.of("10.244.2.0/24", true, "default"),
                Arguments.of("fd00:244:2::/64", true, "default"),
                Arguments.of("198.51.100.0/24", true, "default"),
                Arguments.of("10.96.0.10/32", false, "reject-service-vips"),
                Arguments.of("fd00:96::10/128", false, "reject-service-vips"),
                Arguments.of("10.96.0.0/24", true, "default"),
                Arguments.of("0.0.0.0/0", false, "reject-default-routes"),
                Arguments.of("::/0", false, "reject-default-routes"),
                Arguments.of("172.16.0.0/12", false, "reject-custom"),
                Arguments.of("172.20.30.0/24", false, "reject-custom"),
                Arguments.of("172.20.30.40/32", false, "reject-custom"),
                Arguments.of("fd00:dead:1::/48", false, "reject-custom"),
                Arguments.of("8.0.0.0/7", true, "default"));
    }

    @ParameterizedTest(name = "import {0}")
    @MethodSource("imports")
    void importPolicyFromEveryPeer(String prefix, boolean accepted, String term) {
        var plan = plan(RouterFlags.defaults());
        for (PeerConfig p : plan.peers()) {
            var verdict = Policies.apply(p.importPolicy(), prefix);
            assertThat(verdict.accepted()).as(p.name()).isEqualTo(accepted);
            assertThat(verdict.term()).isEqualTo(term);
        }
    }

    @Test
    void withoutVipsOrCustomRejectsOnlyTheDefaultRoutesAreRefused() {
        Policy imp = RouterPolicies.importPolicy(List.of(), List.of());
        assertThat(imp.terms()).extracting(t -> t.name()).containsExactly("reject-default-routes");
        assertThat(Policies.accepts(imp, "10.96.0.10/32")).isTrue();
        assertThat(RouterPolicies.externalExport(List.of(), true, List.of(), List.of(), Optional.empty()).terms()).isEmpty();
    }
}
