package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.As4;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.DecodeContext;
import dev.junction.bgp.wire.DecodeResult;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.MpReach;
import dev.junction.bgp.wire.MpUnreach;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.Update;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.junction.bgp.rib.Routes.attrs;
import static org.assertj.core.api.Assertions.assertThat;

/** Packing Adj-RIB-Out changes into UPDATEs (RFC 4271 §4.1, §4.3; RFC 4760; RFC 7606 §5.1; RFC 6793 §4.2.2). */
@Tag("unit")
class UpdatePackerTest {
    private static AdjRibOut.Change announce(String p, RouteAttributes a) {
        return new AdjRibOut.Change(Prefix.parse(p), Optional.of(a));
    }

    private static AdjRibOut.Change withdraw(String p) {
        return new AdjRibOut.Change(Prefix.parse(p), Optional.empty());
    }

    @Test
    void groupsByAttributesAndKeepsFamiliesApart() {
        RouteAttributes a = attrs("10.0.0.100", 64512);
        RouteAttributes b = attrs("10.0.0.100", 64512, 65001);
        RouteAttributes v6 = attrs("2001:db8::100", 64512);
        List<Update> out = UpdatePacker.pack(List.of(announce("10.1.0.0/16", a), announce("10.2.0.0/16", b), announce("10.3.0.0/16", a),
                withdraw("10.4.0.0/16"), withdraw("2001:db8:9::/48"), announce("2001:db8:1::/48", v6)), EncodeContext.FOUR_OCTET);
        assertThat(out).hasSize(5);
        assertThat(out.get(0).withdrawn()).containsExactly(Prefix.parse("10.4.0.0/16"));
        assertThat(out.get(1).attribute(MpUnreach.class).orElseThrow().withdrawn()).containsExactly(Prefix.parse("2001:db8:9::/48"));
        assertThat(out.get(2).nlri()).containsExactly(Prefix.parse("10.1.0.0/16"), Prefix.parse("10.3.0.0/16"));
        assertThat(out.get(2).attribute(PathAttribute.NextHop.class).orElseThrow().address().getHostAddress()).isEqualTo("10.0.0.100");
        assertThat(out.get(3).nlri()).containsExactly(Prefix.parse("10.2.0.0/16"));
        MpReach r = out.get(4).attribute(MpReach.class).orElseThrow();
        assertThat(r.nlri()).containsExactly(Prefix.parse("2001:db8:1::/48"));
        assertThat(r.globalNextHop()).isEqualTo("2001:db8::100");
        for (Update u : out) {
            assertThat(MessageCodec.decode(MessageCodec.encode(u, EncodeContext.FOUR_OCTET), DecodeContext.of(true, false)))
                    .isInstanceOf(DecodeResult.Ok.class);
        }
    }

    @Test
    void splitsToStayWithinTheMessageLimit() {
        List<AdjRibOut.Change> changes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) changes.add(announce("10." + (i / 256) + "." + (i % 256) + ".0/24", attrs("10.0.0.100", 64512)));
        List<Update> out = UpdatePacker.pack(changes, EncodeContext.FOUR_OCTET);
        assertThat(out.size()).isBetween(3, 5);
        assertThat(out.stream().mapToInt(u -> u.nlri().size()).sum()).isEqualTo(3000);
        for (Update u : out) assertThat(MessageCodec.encode(u, EncodeContext.FOUR_OCTET).length).isLessThanOrEqualTo(4096);
    }

    @Test
    void twoOctetSessionsGetAs4Path() {
        RouteAttributes big = attrs("10.0.0.100", 4200000001L, 65001);
        Update u = UpdatePacker.pack(List.of(announce("10.1.0.0/16", big)), EncodeContext.TWO_OCTET).getFirst();
        assertThat(u.attribute(PathAttribute.AsPath.class).orElseThrow().segments())
                .containsExactly(AsPathSegment.sequence(As4.AS_TRANS, 65001));
        assertThat(u.attribute(PathAttribute.As4Path.class)).isPresent();
        assertThat(MessageCodec.encode(u, EncodeContext.TWO_OCTET)).isNotEmpty();
    }

    @Test
    void wireAttributesRoundTrip() {
        RouteAttributes a = attrs("192.0.2.1", 65001, 65002).withMed(java.util.OptionalLong.of(3))
                .withCommunities(List.of(PathAttribute.Communities.of(65001, 7)));
        List<PathAttribute> wire = WireAttributes.toWire(a, AfiSafi.IPV4_UNICAST, List.of());
        assertThat(WireAttributes.fromWire(wire, AfiSafi.IPV4_UNICAST)).isEqualTo(a);
        RouteAttributes v6 = attrs("2001:db8::1", 65001);
        assertThat(WireAttributes.fromWire(WireAttributes.toWire(v6, AfiSafi.IPV6_UNICAST, List.of(Prefix.parse("2001:db8:1::/48"))),
                AfiSafi.IPV6_UNICAST).nextHop()).isEqualTo(InetAddress.ofLiteral("2001:db8::1"));
    }
}
