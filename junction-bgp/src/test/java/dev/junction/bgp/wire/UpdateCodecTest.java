package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Path;
import dev.junction.bgp.wire.PathAttribute.AsPath;
import dev.junction.bgp.wire.PathAttribute.AtomicAggregate;
import dev.junction.bgp.wire.PathAttribute.ClusterList;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.PathAttribute.LocalPref;
import dev.junction.bgp.wire.PathAttribute.MultiExitDisc;
import dev.junction.bgp.wire.PathAttribute.NextHop;
import dev.junction.bgp.wire.PathAttribute.Origin;
import dev.junction.bgp.wire.PathAttribute.OriginatorId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static dev.junction.bgp.wire.AfiSafi.IPV4_UNICAST;
import static dev.junction.bgp.wire.AfiSafi.IPV6_UNICAST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UPDATE encode/decode (RFC 4271 §4.3, RFC 4760, RFC 6793). IP plan: AS 65001 (10.0.0.1, 2001:db8::1,
 * fe80::1) announces 10.1.0.0/24, 10.2.0.0/16, 2001:db8:1::/64 and 2001:db8:2::/48 to AS 65002.
 */
@Tag("unit")
class UpdateCodecTest {
    static final DecodeContext EBGP4 = DecodeContext.of(true, true);
    static final DecodeContext IBGP4 = DecodeContext.of(true, false);
    static final DecodeContext EBGP2 = DecodeContext.of(false, true);
    static final List<Prefix> V4 = List.of(Prefix.parse("10.1.0.0/24"), Prefix.parse("10.2.0.0/16"));
    static final List<Prefix> V6 = List.of(Prefix.parse("2001:db8:1::/64"), Prefix.parse("2001:db8:2::/48"));

    /** An IPv4 UPDATE as BIRD 2 sends it to an eBGP peer with 4-octet AS: ORIGIN, AS_PATH, NEXT_HOP, COMMUNITIES. */
    static final String IPV4_UPDATE = """
            MARKER 0039 02
            0000                         # no withdrawn routes
            001b                         # 27 octets of attributes
            40 01 01 00                  # ORIGIN IGP
            40 02 06 02 01 0000fde9      # AS_PATH AS_SEQUENCE [65001]
            40 03 04 0a000001            # NEXT_HOP 10.0.0.1
            c0 08 04 fde9 0064           # COMMUNITIES 65001:100
            18 0a0100                    # 10.1.0.0/24
            10 0a02                      # 10.2.0.0/16
            """;

    /** IPv6 in MP_REACH_NLRI with global and link-local next hop (RFC 4760 §3, RFC 2545 §3), MP first (RFC 7606 §5.1). */
    static final String IPV6_UPDATE = """
            MARKER 0060 02
            0000 0049
            80 0e 35 0002 01             # MP_REACH_NLRI IPv6 unicast
              20 20010db8000000000000000000000001 fe800000000000000000000000000001
              00                         # reserved
              40 20010db800010000        # 2001:db8:1::/64
              30 20010db80002            # 2001:db8:2::/48
            40 01 01 00                  # ORIGIN IGP
            40 02 0a 02 02 0000fde9 0000fdea   # AS_PATH [65001 65002]
            """;

    static Update ipv4Update() {
        return new Update(List.of(), List.of(Origin.IGP, AsPath.sequence(65001), NextHop.of("10.0.0.1"),
                new Communities(List.of(Communities.of(65001, 100)))), V4);
    }

    static Update ipv6Update() {
        return new Update(List.of(), List.of(MpReach.ipv6("2001:db8::1", "fe80::1", V6), Origin.IGP,
                AsPath.sequence(65001, 65002)), List.of());
    }

    static DecodeResult.Ok ok(byte[] wire, DecodeContext ctx) {
        DecodeResult r = MessageCodec.decode(wire, ctx);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return (DecodeResult.Ok) r;
    }

    static void assertRoundTrip(Update u, DecodeContext ctx) {
        byte[] wire = MessageCodec.encode(u, EncodeContext.of(ctx));
        assertThat(MessageCodec.decode(wire, ctx)).as(u.toString()).isEqualTo(new DecodeResult.Ok(u));
    }

    @Test
    void goldenIpv4Update() {
        assertThat(Hex.of(MessageCodec.encode(ipv4Update(), EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of(IPV4_UPDATE)));
        assertThat(ok(Hex.of(IPV4_UPDATE), EBGP4)).isEqualTo(new DecodeResult.Ok(ipv4Update()));
        assertThat(ipv4Update().reachable()).isEqualTo(Map.of(IPV4_UNICAST, V4));
    }

    @Test
    void goldenIpv6Update() {
        assertThat(Hex.of(MessageCodec.encode(ipv6Update(), EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of(IPV6_UPDATE)));
        DecodeResult.Ok r = ok(Hex.of(IPV6_UPDATE), EBGP4);
        assertThat(r).isEqualTo(new DecodeResult.Ok(ipv6Update()));
        MpReach mp = ((Update) r.message()).attribute(MpReach.class).orElseThrow();
        assertThat(mp.globalNextHop()).isEqualTo("2001:db8::1");
        assertThat(mp.linkLocalNextHop()).isEqualTo("fe80::1");
    }

    @Test
    void goldenEndOfRibMarkers() {
        // RFC 4724 §2: IPv4 unicast is the empty UPDATE; others an UPDATE with only an empty MP_UNREACH_NLRI.
        assertThat(Hex.of(MessageCodec.encode(Update.endOfRib(IPV4_UNICAST), EncodeContext.FOUR_OCTET)))
                .isEqualTo(Hex.of(Hex.of("MARKER 0017 02 0000 0000")));
        assertThat(Hex.of(MessageCodec.encode(Update.endOfRib(IPV6_UNICAST), EncodeContext.FOUR_OCTET)))
                .isEqualTo(Hex.of(Hex.of("MARKER 001d 02 0000 0006 80 0f 03 0002 01")));
        assertThat(((Update) ok(Hex.of("MARKER 0017 02 0000 0000"), EBGP4).message()).endOfRib()).contains(IPV4_UNICAST);
        assertThat(((Update) ok(Hex.of("MARKER 001d 02 0000 0006 80 0f 03 0002 01"), EBGP4).message()).endOfRib()).contains(IPV6_UNICAST);
        assertThat(ipv4Update().endOfRib()).isEmpty();
        assertThat(new Update(List.of(), List.of(new MpUnreach(IPV6_UNICAST, V6)), List.of()).endOfRib()).isEmpty();
    }

    /** A clean UPDATE carrying {@code extra}: base attributes plus NLRI field, attributes in encoder order. */
    private static Update withAttribute(PathAttribute extra) {
        List<PathAttribute> attrs = new ArrayList<>(List.of(Origin.EGP, AsPath.sequence(65001), NextHop.of("192.0.2.1")));
        attrs.removeIf(a -> a.typeCode() == extra.typeCode());
        attrs.add(extra);
        attrs.sort((a, b) -> Integer.compare(a.typeCode(), b.typeCode()));
        return new Update(List.of(), attrs, V4);
    }

    @Test
    void roundTripsEveryAttribute() {
        var id = IpText.ipv4("10.9.9.9");
        for (PathAttribute a : List.of(new MultiExitDisc(0xFFFFFFFFL), new AtomicAggregate(), new Aggregator(4200000001L, id),
                new Aggregator(65001, id, true), new Communities(List.of(Communities.NO_EXPORT, 1L), true),
                new UnknownAttribute(0xC0, 32, Hex.of("0000fde9 00000001 00000002")),
                new UnknownAttribute(0xE0, 99, new byte[0]), new UnknownAttribute(0x80, 200, new byte[300]))) {
            assertRoundTrip(withAttribute(a), EBGP4);
        }
        for (PathAttribute a : List.of(new LocalPref(100), new OriginatorId(id), new ClusterList(List.of(id, IpText.ipv4("10.8.8.8"))))) {
            assertRoundTrip(withAttribute(a), IBGP4);
        }
        for (PathAttribute a : List.of(new Aggregator(23456, id), new As4Aggregator(4200000001L, id, true),
                new As4Path(List.of(AsPathSegment.sequence(4200000001L), AsPathSegment.set(1, 4200000002L))))) {
            assertRoundTrip(withAttribute(a), EBGP2);
        }
        assertRoundTrip(new Update(List.of(), List.of(new MpReach(IPV4_UNICAST, Hex.of("0a000001"), V4), Origin.INCOMPLETE,
                AsPath.EMPTY), List.of()), IBGP4);
        assertRoundTrip(new Update(List.of(), List.of(MpReach.ipv6("2001:db8::1", null, V6), Origin.IGP,
                AsPath.sequence(65001)), List.of()), EBGP4);
        assertRoundTrip(new Update(List.of(), List.of(new MpUnreach(IPV6_UNICAST, V6)), List.of()), EBGP4);
        assertRoundTrip(new Update(List.of(), List.of(new MpUnreach(IPV4_UNICAST, V4)), List.of()), EBGP4);
        assertRoundTrip(new Update(V4, List.of(), List.of()), EBGP2);
        assertRoundTrip(new Update(List.of(), List.of(Origin.IGP, new AsPath(List.of(
                new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, List.of(64512L)),
                new AsPathSegment(AsPathSegment.Type.AS_CONFED_SET, List.of(64513L, 64514L)),
                AsPathSegment.sequence(65001, 65002), AsPathSegment.set(65003, 65004))), NextHop.of("10.0.0.1")), V4), IBGP4);
    }

    @Test
    void twoOctetSessionsCarryTwoOctetAsNumbers() {
        Update u = withAttribute(new Aggregator(65001, IpText.ipv4("10.0.0.1")));
        String hex = Hex.of(MessageCodec.encode(u, EncodeContext.TWO_OCTET));
        assertThat(hex).contains("400204" + "0201fde9").contains("c00706" + "fde90a000001");
        assertRoundTrip(u, EBGP2);
    }

    @Test
    void setsExtendedLengthOnlyAboveTwoHundredFiftyFiveOctets() {
        List<Long> many = LongStream.range(1, 71).boxed().toList(); // 280 octets
        String hex = Hex.of(MessageCodec.encode(withAttribute(new Communities(many)), EncodeContext.FOUR_OCTET));
        assertThat(hex).contains("d0080118" + "00000001");
        List<Long> few = LongStream.range(1, 64).boxed().toList(); // 252 octets
        assertThat(Hex.of(MessageCodec.encode(withAttribute(new Communities(few)), EncodeContext.FOUR_OCTET))).contains("c008fc");
        // A peer may set Extended Length on a short attribute; it decodes the same (RFC 4271 §4.3).
        byte[] wire = Hex.update(new byte[0], Hex.concat(Hex.attr(0x50, 1, "00"), Hex.attr(0x40, 2, ""),
                Hex.attr(0x40, 3, "0a000001")), Hex.of("08 0a"));
        assertThat(ok(wire, EBGP4).problems()).isEmpty();
    }

    @Test
    void splitsLongSequencesIntoSegmentsOf255() {
        long[] asns = LongStream.rangeClosed(1, 300).toArray();
        Update u = withAttribute(AsPath.sequence(asns));
        Update back = (Update) ok(MessageCodec.encode(u, EncodeContext.FOUR_OCTET), EBGP4).message();
        AsPath p = back.attribute(AsPath.class).orElseThrow();
        assertThat(p.segments()).extracting(s -> s.asns().size()).containsExactly(255, 45);
        assertThat(p.pathLength()).isEqualTo(300);
    }

    @Test
    void unknownAttributesArePropagatedWithThePartialBit() {
        var transitive = new UnknownAttribute(0xC0, 32, Hex.of("01"));
        assertThat(transitive.forPropagation()).contains(new UnknownAttribute(0xE0, 32, Hex.of("01")));
        assertThat(new UnknownAttribute(0x80, 33, Hex.of("01")).forPropagation()).isEmpty();
        // The four low flag bits are unused (RFC 4271 §4.3) and cleared.
        assertThat(new UnknownAttribute(0xCF, 34, new byte[0]).flags()).isEqualTo(0xC0);
    }

    @Test
    void treatAsWithdrawCoversEveryRouteOfTheUpdate() {
        Update u = new Update(List.of(), List.of(MpReach.ipv6("2001:db8::1", null, V6), Origin.IGP, AsPath.EMPTY), V4);
        assertThat(u.treatAsWithdraw()).isEqualTo(Map.of(IPV4_UNICAST, V4, IPV6_UNICAST, V6));
        assertThat(new Update(V4, List.of(), List.of()).unreachable()).isEqualTo(Map.of(IPV4_UNICAST, V4));
    }

    @Test
    void keepsAttributeOrderAsReceivedAndAcceptsMpAnywhere() {
        // RFC 7606 §5.1: receivers "MUST still be prepared to receive these fields in any position or combination".
        byte[] wire = Hex.update(Hex.of("18 0a0100"), Hex.concat(Hex.attr(0x40, 1, "00"), Hex.attr(0x40, 2, ""),
                Hex.attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80002"),
                Hex.attr(0x80, 15, "0002 01 30 20010db80001"), Hex.attr(0x40, 3, "0a000001")), Hex.of("10 0a02"));
        DecodeResult.Ok r = ok(wire, IBGP4);
        assertThat(r.problems()).isEmpty();
        Update u = (Update) r.message();
        assertThat(u.attributes()).extracting(PathAttribute::typeCode).containsExactly(1, 2, 14, 15, 3);
        assertThat(u.withdrawn()).containsExactly(Prefix.parse("10.1.0.0/24"));
        assertThat(u.unreachable().get(IPV6_UNICAST)).containsExactly(Prefix.parse("2001:db8:1::/48"));
    }

    @Test
    void acceptsAnExtendedUpdateWhenNegotiated() {
        List<Prefix> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) many.add(Prefix.parse("10." + (i / 256) + "." + (i % 256) + ".0/24"));
        Update u = new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY, NextHop.of("10.0.0.1")), many);
        byte[] wire = MessageCodec.encode(u, new EncodeContext(true, true));
        assertThat(wire.length).isGreaterThan(4096);
        assertThat(MessageCodec.decode(wire, EBGP4.withExtendedMessages(true))).isEqualTo(new DecodeResult.Ok(u));
        assertThat(MessageCodec.decode(wire, EBGP4)).isInstanceOf(DecodeResult.Failure.class);
    }

    @Test
    void decodedValuesAreImmutable() {
        Update u = ipv6Update();
        MpReach mp = u.attribute(MpReach.class).orElseThrow();
        byte[] nh = mp.nextHop();
        Arrays.fill(nh, (byte) 0);
        assertThat(mp.globalNextHop()).isEqualTo("2001:db8::1");
    }
}
