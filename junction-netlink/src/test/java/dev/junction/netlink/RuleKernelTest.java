package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy-routing rules added, listed next to the defaults, and deleted. */
@Tag("kernel")
class RuleKernelTest {
    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    @Test
    void addListAndDelete() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Rule fromPods = new Rule(IpFamily.V4, 100, 200, Optional.of(IpPrefix.parse("10.244.0.0/16")), Optional.empty());
            Rule toService = new Rule(IpFamily.V4, 101, 1000, Optional.empty(), Optional.of(IpPrefix.parse("10.96.0.0/12")));
            Rule v6 = new Rule(IpFamily.V6, 102, 200, Optional.of(IpPrefix.parse("fd00:244::/48")), Optional.of(IpPrefix.parse("fd00:96::/64")));
            nl.addRule(fromPods);
            nl.addRule(toService);
            nl.addRule(v6);
            assertThatThrownBy(() -> nl.addRule(fromPods)).isInstanceOfSatisfying(NetlinkException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));

            assertThat(nl.rules()).contains(fromPods, toService, v6,
                    new Rule(IpFamily.V4, 32766, RouteTable.MAIN, Optional.empty(), Optional.empty()),
                    new Rule(IpFamily.V4, 0, RouteTable.LOCAL, Optional.empty(), Optional.empty()));
            assertThat(ns.ip("rule", "show")).contains("100:\tfrom 10.244.0.0/16 lookup 200")
                    .contains("101:\tfrom all to 10.96.0.0/12 lookup 1000");

            assertThat(nl.deleteRule(fromPods)).isTrue();
            assertThat(nl.deleteRule(fromPods)).isFalse();
            assertThat(nl.deleteRule(v6)).isTrue();
            assertThat(nl.rules()).doesNotContain(fromPods, v6).contains(toService);
        }
    }
}
