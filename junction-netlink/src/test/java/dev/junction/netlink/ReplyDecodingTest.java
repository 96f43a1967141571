package dev.junction.netlink;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Canned kernel replies, as bytes: multi-part dumps, NLMSG_DONE, NLMSG_ERROR with extended ack, DUMP_INTR. */
@Tag("unit")
class ReplyDecodingTest {
    /** RTM_NEWROUTE (24), NLM_F_MULTI, seq 5: 10.244.2.0/24 via 10.244.2.0 dev 3 onlink proto 244 metric 100 mtu 1450. */
    static final String ROUTE_ONLINK = """
            50000000 1800 0200 05000000 a0860100   # len 80, RTM_NEWROUTE, MULTI, seq 5, port 100000
            02 18 00 00 fe f4 00 01 04000000       # AF_INET /24 main proto 244 universe unicast, ONLINK
            0800 0f00 fe000000                     # RTA_TABLE 254
            0800 0100 0af40200                     # RTA_DST
            0800 0600 64000000                     # RTA_PRIORITY 100
            0800 0500 0af40200                     # RTA_GATEWAY
            0800 0400 03000000                     # RTA_OIF 3
            0c00 0800 0800 0200 aa050000           # RTA_METRICS { RTAX_MTU 1450 }
            """;
    /** A connected route of the kernel (proto 2, scope link, with RTA_PREFSRC 7 which a Route does not keep). */
    static final String ROUTE_KERNEL = """
            3c000000 1800 0200 05000000 a0860100
            02 18 00 00 fe 02 fd 01 00000000
            0800 0f00 fe000000
            0800 0100 c0a80700
            0800 0700 c0a80701
            0800 0400 03000000
            """;
    /** IPv6 via gateway with RTA_PREF (20), which is skipped; metric 1024. */
    static final String ROUTE_V6 = """
            64000000 1800 0200 05000000 a0860100
            0a 40 00 00 fe f4 00 01 00000000
            0800 0f00 fe000000
            1400 0100 fd000244000300000000000000000000
            0800 0600 00040000
            1400 0500 20010db8000700000000000000000002
            0800 0400 03000000
            0500 1400 00 000000
            """;
    static final String DONE = """
            14000000 0300 0200 05000000 a0860100   # NLMSG_DONE, MULTI
            00000000                               # error 0
            """;

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "canned bytes are little-endian (host order)");
    }

    static ByteBuffer datagram(String... messages) {
        return ByteBuffer.wrap(Hex.bytes(String.join("\n", messages))).order(ByteOrder.nativeOrder());
    }

    /** Feeds datagrams to a reply the way RtNetlink does; returns whether it completed. */
    static boolean feed(Reply reply, ByteBuffer... datagrams) throws NetlinkException {
        for (ByteBuffer d : datagrams) {
            for (NetlinkMessage m : NetlinkMessage.split(d)) {
                if (reply.accept(m)) return true;
            }
        }
        return false;
    }

    @Test
    void multiPartDumpAcrossDatagramsEndsAtDone() throws Exception {
        Reply reply = new Reply("list routes", 5);
        assertThat(feed(reply, datagram(ROUTE_ONLINK, ROUTE_KERNEL))).as("no NLMSG_DONE yet").isFalse();
        assertThat(feed(reply, datagram(ROUTE_V6, DONE))).isTrue();
        assertThat(reply.interrupted()).isFalse();

        List<Route> routes = reply.messages().stream().map(RouteCodec::decode).toList();
        Route onlink = Route.to("10.244.2.0/24").via("10.244.2.0").dev(3).onlink().metric(100).mtu(1450).build();
        Route connected = Route.to("192.168.7.0/24").dev(3).protocol(RouteProtocol.KERNEL).build();
        Route v6 = Route.to("fd00:244:3::/64").via("2001:db8:7::2").dev(3).build();
        assertThat(routes).containsExactly(onlink, connected, v6);
        assertThat(routes.get(2).metric()).isEqualTo(Route.IPV6_DEFAULT_METRIC);
    }

    @Test
    void dumpIntrOnAnyMessageMarksTheReply() throws Exception {
        Reply reply = new Reply("list routes", 5);
        String interrupted = ROUTE_KERNEL.replaceFirst("1800 0200", "1800 1200"); // MULTI | DUMP_INTR
        assertThat(feed(reply, datagram(ROUTE_ONLINK, interrupted, DONE))).isTrue();
        assertThat(reply.interrupted()).isTrue();
    }

    @Test
    void messagesOfOtherSequenceNumbersAreSkipped() throws Exception {
        Reply reply = new Reply("list routes", 6);
        assertThat(feed(reply, datagram(ROUTE_ONLINK, DONE))).as("all of seq 5").isFalse();
        assertThat(reply.messages()).isEmpty();
    }

    @Test
    void ackEndsAChange() throws Exception {
        Reply reply = new Reply("set link 3 up", 9);
        assertThat(feed(reply, datagram("""
                24000000 0200 0001 09000000 a0860100   # NLMSG_ERROR, CAPPED
                00000000                               # error 0: the ack
                20000000 1000 0500 09000000 00000000   # our request's header, echoed
                """))).isTrue();
        assertThat(reply.messages()).isEmpty();
    }

    @Test
    void errorWithExtendedAckOnACappedReply() {
        Reply reply = new Reply("add route 10.50.0.0/16 via 172.31.9.9 dev 3", 9);
        ByteBuffer d = datagram("""
                4c000000 0200 0003 09000000 a0860100   # NLMSG_ERROR, CAPPED | ACK_TLVS
                9bffffff                               # -101 ENETUNREACH
                48000000 1800 0506 09000000 00000000   # our request's header only (capped)
                2000 0100 4e657874686f70206861732069 6e76616c69642067617465776179 00   # NLMSGERR_ATTR_MSG (31 bytes)
                0800 0200 24000000                     # NLMSGERR_ATTR_OFFS, ignored
                """);
        assertThatThrownBy(() -> feed(reply, d)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(101);
            assertThat(e.kernelMessage()).contains("Nexthop has invalid gateway");
            assertThat(e.request()).isEqualTo("add route 10.50.0.0/16 via 172.31.9.9 dev 3");
            assertThat(e.getMessage()).isEqualTo(
                    "add route 10.50.0.0/16 via 172.31.9.9 dev 3: Network is unreachable (errno 101): Nexthop has invalid gateway");
        });
    }

    @Test
    void errorThatEchoesTheWholeRequestStillFindsTheText() {
        // Without NETLINK_CAP_ACK the kernel echoes the request's payload too; the TLVs come after it.
        Reply reply = new Reply("delete link 7", 3);
        ByteBuffer d = datagram("""
                3c000000 0200 0002 03000000 a0860100   # NLMSG_ERROR, ACK_TLVS, not capped
                edffffff                               # -19 ENODEV
                20000000 1100 0500 03000000 00000000   # echoed header: len 32
                00 00 0000 07000000 00000000 00000000  # echoed ifinfomsg
                0800 0100 6e6f7065                     # NLMSGERR_ATTR_MSG "nope" (no NUL: tolerated)
                """);
        assertThatThrownBy(() -> feed(reply, d)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENODEV);
            assertThat(e.kernelMessage()).contains("nope");
        });
    }

    @Test
    void errorWithoutExtendedAck() {
        Reply reply = new Reply("create bridge br0", 4);
        ByteBuffer d = datagram("""
                24000000 0200 0001 04000000 a0860100
                efffffff                               # -17 EEXIST
                28000000 1000 0506 04000000 00000000
                """);
        assertThatThrownBy(() -> feed(reply, d)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.EEXIST);
            assertThat(e.kernelMessage()).isEmpty();
            assertThat(e.getMessage()).isEqualTo("create bridge br0: File exists (errno 17)");
        });
    }

    @Test
    void doneCarryingAnErrorFailsTheDump() {
        Reply reply = new Reply("list fdb", 5);
        ByteBuffer d = datagram("""
                1c000000 0300 0202 05000000 a0860100   # NLMSG_DONE, MULTI | ACK_TLVS
                eaffffff                               # -22 EINVAL
                0800 0100 62616400                     # NLMSGERR_ATTR_MSG "bad"
                """);
        assertThatThrownBy(() -> feed(reply, d)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            assertThat(e.kernelMessage()).contains("bad");
        });
    }

    @Test
    void vxlanLinkDecodes() throws Exception {
        ByteBuffer d = datagram("""
                94000000 1000 0200 05000000 a0860100   # len 148, RTM_NEWLINK
                00 00 0100 04000000 43100100 00000000  # ARPHRD_ETHER, index 4, flags UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
                0b00 0300 76786c616e30 00 00           # IFLA_IFNAME "vxlan0"
                0800 0400 aa050000                     # IFLA_MTU 1450
                0500 1000 06 000000                    # IFLA_OPERSTATE UP
                0800 0a00 09000000                     # IFLA_MASTER 9
                0a00 0100 0a580af40101 0000            # IFLA_ADDRESS
                4400 1200                              # IFLA_LINKINFO, 68
                  0a00 0100 76786c616e 00 0000         #   KIND "vxlan"
                  3400 0200                            #   DATA, 52
                    0800 0100 e8030000                 #     ID 1000
                    0800 0300 02000000                 #     LINK 2
                    0800 0400 c0a80101                 #     LOCAL 192.168.1.1
                    0500 0700 00 000000                #     LEARNING 0
                    0600 0f00 2118 0000                #     PORT 8472
                    0500 0500 00 000000                #     TTL 0 (ignored)
                """);
        Link link = LinkCodec.decode(NetlinkMessage.split(d).getFirst());
        assertThat(link).isEqualTo(new Link(4, "vxlan0", "vxlan", 1450, true, OperState.UP, 9,
                Optional.of(MacAddress.parse("0a:58:0a:f4:01:01")),
                Optional.of(new VxlanInfo(1000, Optional.of(InetAddress.ofLiteral("192.168.1.1")), 8472, 2, false))));
    }
}
