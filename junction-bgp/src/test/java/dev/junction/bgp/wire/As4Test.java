package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Path;
import dev.junction.bgp.wire.PathAttribute.AsPath;
import dev.junction.bgp.wire.PathAttribute.NextHop;
import dev.junction.bgp.wire.PathAttribute.Origin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.junction.bgp.wire.AsPathSegment.Type.AS_CONFED_SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6793 §4.2 conversions. AS 4200000001 and 4200000002 do not fit two octets; 65001 does. The 2-octet peer
 * sits between them.
 */
@Tag("unit")
class As4Test {
    private static final long BIG1 = 4200000001L, BIG2 = 4200000002L;
    private static final java.net.Inet4Address ID = IpText.ipv4("10.0.0.9");

    @Test
    void toOldSpeakerSubstitutesAsTransAndAddsAs4Attributes() {
        List<PathAttribute> four = List.of(Origin.IGP, new AsPath(List.of(
                new AsPathSegment(AS_CONFED_SEQUENCE, List.of(64512L)), AsPathSegment.sequence(BIG1, 65001, BIG2))),
                new Aggregator(BIG1, ID));
        assertThat(As4.toOldSpeaker(four)).containsExactly(Origin.IGP,
                new AsPath(List.of(new AsPathSegment(AS_CONFED_SEQUENCE, List.of(64512L)), AsPathSegment.sequence(23456, 65001, 23456))),
                new As4Path(List.of(AsPathSegment.sequence(BIG1, 65001, BIG2))),
                new Aggregator(23456, ID), new As4Aggregator(BIG1, ID));
    }

    @Test
    void toOldSpeakerSendsNoAs4AttributesWhenEverythingIsMappable() {
        List<PathAttribute> four = List.of(AsPath.sequence(65001, 65002), new Aggregator(65001, ID));
        assertThat(As4.toOldSpeaker(four)).isEqualTo(four);
    }

    @Test
    void fromOldSpeakerRebuildsThePath() {
        // 65003 prepended by the 2-octet speaker after the AS4_PATH was formed, then BIG1 65001 BIG2.
        List<PathAttribute> old = List.of(Origin.IGP, AsPath.sequence(65003, 23456, 65001, 23456),
                new As4Path(List.of(AsPathSegment.sequence(BIG1, 65001, BIG2))), NextHop.of("10.0.0.1"));
        assertThat(As4.fromOldSpeaker(old)).containsExactly(Origin.IGP, AsPath.sequence(65003, BIG1, 65001, BIG2), NextHop.of("10.0.0.1"));
    }

    @Test
    void fromOldSpeakerIgnoresALongerAs4Path() {
        List<PathAttribute> old = List.of(AsPath.sequence(23456), new As4Path(List.of(AsPathSegment.sequence(BIG1, BIG2))));
        assertThat(As4.fromOldSpeaker(old)).containsExactly(AsPath.sequence(23456));
    }

    @Test
    void fromOldSpeakerCountsSetsAsOneAndKeepsLeadingConfederationSegments() {
        List<PathAttribute> old = List.of(new AsPath(List.of(new AsPathSegment(AS_CONFED_SEQUENCE, List.of(64512L)),
                AsPathSegment.set(1, 2, 3), AsPathSegment.sequence(23456))),
                new As4Path(List.of(AsPathSegment.sequence(BIG1))));
        assertThat(As4.fromOldSpeaker(old)).containsExactly(new AsPath(List.of(new AsPathSegment(AS_CONFED_SEQUENCE, List.of(64512L)),
                AsPathSegment.set(1, 2, 3), AsPathSegment.sequence(BIG1))));
    }

    @Test
    void fromOldSpeakerUsesAs4AggregatorOnlyBehindAsTrans() {
        List<PathAttribute> trans = List.of(AsPath.sequence(23456), new Aggregator(23456, ID),
                new As4Path(List.of(AsPathSegment.sequence(BIG1))), new As4Aggregator(BIG1, ID));
        assertThat(As4.fromOldSpeaker(trans)).containsExactly(AsPath.sequence(BIG1), new Aggregator(BIG1, ID));
        // RFC 6793 §4.2.3: AGGREGATOR not AS_TRANS -> AS4_AGGREGATOR and AS4_PATH are ignored.
        List<PathAttribute> real = List.of(AsPath.sequence(23456), new Aggregator(65001, ID),
                new As4Path(List.of(AsPathSegment.sequence(BIG1))), new As4Aggregator(BIG1, ID));
        assertThat(As4.fromOldSpeaker(real)).containsExactly(AsPath.sequence(23456), new Aggregator(65001, ID));
    }

    @Test
    void survivesTheRoundTripThroughATwoOctetSession() {
        List<PathAttribute> four = List.of(Origin.IGP, AsPath.sequence(BIG1, 65001, BIG2), NextHop.of("10.0.0.1"));
        Update toOld = new Update(List.of(), As4.toOldSpeaker(four), List.of(Prefix.parse("10.0.0.0/8")));
        Update received = (Update) ((DecodeResult.Ok) MessageCodec.decode(MessageCodec.encode(toOld, EncodeContext.TWO_OCTET),
                DecodeContext.of(false, true))).message();
        assertThat(As4.fromOldSpeaker(received.attributes())).containsExactlyInAnyOrderElementsOf(four);
    }
}
