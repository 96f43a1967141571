package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Links created and changed through the module, read back through it and through {@code ip}. */
@Tag("kernel")
class LinkKernelTest {
    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    @Test
    void bridgeVethMtuMasterUpAndDelete() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link br = nl.createBridge("br0");
            assertThat(br.kind()).isEqualTo("bridge");
            assertThat(br.adminUp()).isFalse();
            Link veth = nl.createVeth("veth0", "veth1");
            assertThat(veth.kind()).isEqualTo("veth");
            assertThat(veth.mac()).isPresent();
            Link peer = nl.link("veth1").orElseThrow();

            nl.setMtu(veth.index(), 1400);
            nl.setMaster(veth.index(), br.index());
            nl.setUp(br.index(), true);
            nl.setUp(veth.index(), true);
            nl.setUp(peer.index(), true);

            Link after = nl.link("veth0").orElseThrow();
            assertThat(after.mtu()).isEqualTo(1400);
            assertThat(after.masterIndex()).isEqualTo(br.index());
            assertThat(after.adminUp()).isTrue();
            assertThat(nl.links()).extracting(Link::name).contains("lo", "br0", "veth0", "veth1");
            assertThat(nl.link("lo").orElseThrow().kind()).isEmpty();
            assertThat(ns.ip("-o", "link", "show", "veth0")).contains("mtu 1400").contains("master br0").contains("UP");

            nl.setMaster(veth.index(), 0);
            nl.setUp(veth.index(), false);
            assertThat(nl.link("veth0").orElseThrow().masterIndex()).isZero();
            assertThat(nl.link("veth0").orElseThrow().adminUp()).isFalse();

            assertThat(nl.deleteLink(veth.index())).isTrue();
            assertThat(nl.link("veth0")).isEmpty();
            assertThat(nl.link("veth1")).as("a veth takes its peer along").isEmpty();
            assertThat(nl.deleteLink(veth.index())).as("already gone").isFalse();
        }
    }

    @Test
    void vxlanIsCreatedAsSpecified() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link under = nl.createBridge("under0");
            nl.addAddress(new Address(under.index(), IpPrefix.parse("192.168.50.1/24")));
            Link vx = nl.createVxlan(new VxlanSpec("vxlan0", 4242, InetAddress.ofLiteral("192.168.50.1"), 4789, under.index(), 1380));
            assertThat(vx.kind()).isEqualTo("vxlan");
            assertThat(vx.mtu()).isEqualTo(1380);
            assertThat(vx.vxlan()).contains(new VxlanInfo(4242, Optional.of(InetAddress.ofLiteral("192.168.50.1")), 4789, under.index(), false));
            String shown = ns.ip("-d", "link", "show", "vxlan0");
            assertThat(shown).contains("vxlan id 4242").contains("local 192.168.50.1").contains("dev under0")
                    .contains("dstport 4789").contains("nolearning");
        }
    }

    @Test
    void vethPeerGoesIntoAnotherNamespace() throws Exception {
        try (TestNamespace a = TestNamespace.create(); TestNamespace b = TestNamespace.create()) {
            Link here = a.netlink().createVeth("to-b", "to-a", b.path());
            assertThat(a.netlink().link("to-a")).isEmpty();
            Link there = b.netlink().link("to-a").orElseThrow();
            assertThat(there.kind()).isEqualTo("veth");
            assertThat(a.netlink().links()).extracting(Link::name).containsExactlyInAnyOrder("lo", "to-b");
            assertThat(here.index()).isPositive();
        }
    }

    @Test
    void errorsCarryErrnoRequestAndKernelText() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            nl.createBridge("dup0");
            assertThatThrownBy(() -> nl.createBridge("dup0"))
                    .isInstanceOfSatisfying(NetlinkException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                        assertThat(e.request()).isEqualTo("create bridge dup0");
                        assertThat(e.getMessage()).startsWith("create bridge dup0: File exists (errno 17)");
                    });
            assertThat(nl.link("nosuch0")).isEmpty();
            assertThatThrownBy(() -> nl.setMtu(999_999, 1400)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("set link 999999 mtu 1400");
            List<Link> links = nl.links();
            assertThat(links).hasSize(2);
        }
    }
}
