package dev.junction.router.plan;

import static dev.junction.router.plan.Nodes.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.bgp.wire.Prefix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IP plan: we are 192.168.1.1/24 on eth0 and fd00:1::1/64 on eth0; 192.168.2.0/24 is behind a router. */
@Tag("unit")
class KernelRoutePlanTest {
    private static final List<LocalSubnet> SUBNETS = List.of(new LocalSubnet(ip("192.168.1.1"), 24, "eth0"),
            new LocalSubnet(ip("fd00:1::1"), 64, "eth0"));

    static LearnedRoute route(String prefix, String nextHop) {
        return new LearnedRoute(Prefix.parse(prefix), ip(nextHop));
    }

    static Stream<Arguments> cases() {
        String far = "10.244.9.0/24 via 192.168.2.9: the next hop is outside every local subnet and the overlay is off; left to the upstream router";
        return Stream.of(
                // route, mode, "direct" / "tunnel" / skipped reason
                Arguments.of(route("10.244.2.0/24", "192.168.1.2"), OverlayMode.NONE, "direct"),
                Arguments.of(route("10.244.2.0/24", "192.168.1.2"), OverlayMode.SUBNET, "direct"),
                Arguments.of(route("10.244.2.0/24", "192.168.1.2"), OverlayMode.FULL, "tunnel"),
                Arguments.of(route("10.244.9.0/24", "192.168.2.9"), OverlayMode.NONE, far),
                Arguments.of(route("10.244.9.0/24", "192.168.2.9"), OverlayMode.SUBNET, "tunnel"),
                Arguments.of(route("10.244.9.0/24", "192.168.2.9"), OverlayMode.FULL, "tunnel"),
                Arguments.of(route("fd00:244:2::/64", "fd00:1::2"), OverlayMode.SUBNET, "direct"),
                Arguments.of(route("fd00:244:9::/64", "fd00:2::9"), OverlayMode.SUBNET, "tunnel"),
                Arguments.of(route("fd00:244:2::/64", "192.168.1.2"), OverlayMode.SUBNET, "direct"),
                Arguments.of(route("10.244.1.0/24", "192.168.1.1"), OverlayMode.FULL, "10.244.1.0/24 via 192.168.1.1: the next hop is this node's own address"),
                Arguments.of(route("fd00:244:1::/64", "fd00:1::1"), OverlayMode.SUBNET, "fd00:244:1::/64 via fd00:1::1: the next hop is this node's own address"));
    }

    @ParameterizedTest(name = "{0} with overlay {1}")
    @MethodSource("cases")
    void oneRoute(LearnedRoute r, OverlayMode mode, String expected) {
        var desired = KernelRoutePlan.compute(List.of(r), SUBNETS, mode);
        switch (expected) {
            case "direct" -> {
                assertThat(desired.direct()).containsExactly(new DirectRoute(r.prefix(), r.nextHop()));
                assertThat(desired.tunnel()).isEmpty();
                assertThat(desired.skipped()).isEmpty();
            }
            case "tunnel" -> {
                assertThat(desired.tunnel()).containsExactly(new TunnelRoute(r.prefix(), r.nextHop()));
                assertThat(desired.direct()).isEmpty();
                assertThat(desired.skipped()).isEmpty();
            }
            default -> {
                assertThat(desired.direct()).isEmpty();
                assertThat(desired.tunnel()).isEmpty();
                assertThat(desired.skipped()).containsExactly(expected);
            }
        }
    }

    @Test
    void outputsAreSortedWhateverTheInputOrder() {
        var routes = List.of(route("fd00:244:2::/64", "fd00:1::2"), route("10.244.9.0/24", "192.168.2.9"), route("10.244.3.0/24", "192.168.1.3"),
                route("10.244.2.0/24", "192.168.1.2"), route("10.244.8.0/24", "192.168.2.8"));
        var desired = KernelRoutePlan.compute(routes, SUBNETS, OverlayMode.SUBNET);
        assertThat(desired.direct()).extracting(d -> d.dst().toString()).containsExactly("10.244.2.0/24", "10.244.3.0/24", "fd00:244:2::/64");
        assertThat(desired.tunnel()).extracting(t -> t.dst().toString()).containsExactly("10.244.8.0/24", "10.244.9.0/24");
        assertThat(KernelRoutePlan.compute(routes.reversed(), SUBNETS, OverlayMode.SUBNET)).isEqualTo(desired);
    }

    @Test
    void withoutLocalSubnetsEverythingNeedsTheOverlay() {
        var desired = KernelRoutePlan.compute(List.of(route("10.244.2.0/24", "192.168.1.2")), List.of(), OverlayMode.SUBNET);
        assertThat(desired.tunnel()).hasSize(1);
    }

    @Test
    void localSubnetKnowsItsCidr() {
        assertThat(SUBNETS.getFirst().subnet()).hasToString("192.168.1.0/24");
        assertThat(SUBNETS.getFirst().contains(ip("192.168.1.200"))).isTrue();
        assertThat(SUBNETS.getFirst().contains(ip("fd00:1::2"))).isFalse();
    }
}
