package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Addresses added (idempotently), listed per link and in all, and deleted. */
@Tag("kernel")
class AddressKernelTest {
    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    @Test
    void addListIdempotentAndDelete() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link br = nl.createBridge("br0");
            Address v4 = new Address(br.index(), IpPrefix.parse("10.244.1.1/24"));
            Address v6 = new Address(br.index(), IpPrefix.parse("fd00:244:1::1/64"));
            nl.addAddress(v4);
            nl.addAddress(v6);
            nl.addAddress(v4); // EEXIST for an identical address is success
            nl.addAddress(v6);

            assertThat(nl.addresses(br.index())).containsExactlyInAnyOrder(v4, v6);
            assertThat(nl.addresses()).contains(v4, v6, new Address(nl.link("lo").orElseThrow().index(), IpPrefix.parse("127.0.0.1/8")));
            assertThat(v4.family()).isEqualTo(IpFamily.V4);
            assertThat(ns.ip("-o", "addr", "show", "br0")).contains("inet 10.244.1.1/24").contains("inet6 fd00:244:1::1/64");

            Address otherLength = new Address(br.index(), IpPrefix.parse("fd00:244:1::1/80"));
            assertThatThrownBy(() -> nl.addAddress(otherLength)).as("same IPv6 address, other prefix: not identical")
                    .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));

            assertThat(nl.deleteAddress(v4)).isTrue();
            assertThat(nl.deleteAddress(v4)).isFalse();
            assertThat(nl.addresses(br.index())).containsExactly(v6);
        }
    }
}
