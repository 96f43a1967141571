package dev.junction.router.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.Cidr;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class CniConfigTest {
    @Test
    void dualStackConflist() throws Exception {
        GoldenFile.assertMatches("10-kuberouter-dual-stack.conflist",
                CniConfig.render(List.of(Cidr.of("10.244.1.0/24"), Cidr.of("fd00:10:244:1::/64")), 1450, "kube-bridge"));
    }

    @Test
    void singleStackConflist() throws Exception {
        GoldenFile.assertMatches("10-kuberouter-ipv4.conflist", CniConfig.render(List.of(Cidr.of("10.244.7.0/24")), 1500, "kube-bridge"));
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        var cidrs = List.of(Cidr.of("10.244.1.0/24"));
        assertThat(CniConfig.render(cidrs, 1450, "br0")).isEqualTo(CniConfig.render(List.copyOf(cidrs), 1450, "br0"));
    }

    @Test
    void refusesWhatWouldBreakTheFile() {
        var cidrs = List.of(Cidr.of("10.244.1.0/24"));
        assertThatThrownBy(() -> CniConfig.render(List.of(), 1450, "kube-bridge")).hasMessageContaining("no pod CIDR");
        assertThatThrownBy(() -> CniConfig.render(cidrs, 100, "kube-bridge")).hasMessageContaining("MTU 100");
        assertThatThrownBy(() -> CniConfig.render(cidrs, 1450, "kube\"bridge")).hasMessageContaining("not a Linux interface name");
        assertThatThrownBy(() -> CniConfig.render(cidrs, 1450, "a-very-long-bridge")).hasMessageContaining("not a Linux interface name");
    }

    @ParameterizedTest(name = "link {0}, {1}, IPv6 underlay {2} -> {3}")
    @CsvSource({
        "1500, NONE,   false, 1500",
        "1500, SUBNET, false, 1450",
        "1500, FULL,   false, 1450",
        "1500, SUBNET, true,  1430",
        "9001, FULL,   true,  8931",
        "9000, NONE,   true,  9000",
    })
    void mtuLeavesRoomForVxlan(int link, OverlayMode mode, boolean v6, int expected) {
        assertThat(CniConfig.mtuFor(link, mode, v6)).isEqualTo(expected);
    }
}
