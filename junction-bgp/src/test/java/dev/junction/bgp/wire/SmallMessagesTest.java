package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KEEPALIVE (RFC 4271 §4.4), ROUTE-REFRESH (RFC 2918 §3, RFC 7313 §3.2, §5), and encoder limits. */
@Tag("unit")
class SmallMessagesTest {
    private static final DecodeContext CTX = DecodeContext.of(true, true);

    @Test
    void goldenKeepalive() {
        assertThat(Hex.of(MessageCodec.encode(Keepalive.INSTANCE, EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of("MARKER 0013 04")));
        assertThat(MessageCodec.decode(Hex.of("MARKER 0013 04"), CTX)).isEqualTo(new DecodeResult.Ok(new Keepalive()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "ipv4 unicast refresh; MARKER 0017 05 0001 00 01; 1; 1; 0",
            "ipv6 unicast refresh; MARKER 0017 05 0002 00 01; 2; 1; 0",
            "BoRR;                 MARKER 0017 05 0002 01 01; 2; 1; 1",
            "EoRR;                 MARKER 0017 05 0001 02 01; 1; 1; 2",
    })
    void goldenRouteRefresh(String name, String wire, int afi, int safi, int subtype) {
        RouteRefresh rr = new RouteRefresh(new AfiSafi(afi, safi), subtype);
        assertThat(Hex.of(MessageCodec.encode(rr, EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of(wire)));
        assertThat(MessageCodec.decode(Hex.of(wire), CTX)).isEqualTo(new DecodeResult.Ok(rr));
        assertThat(rr.isKnownSubtype()).isTrue();
    }

    @Test
    void unknownSubtypesDecodeForTheReceiverToIgnore() {
        // RFC 7313 §5: other subtypes "MUST ignore the received ROUTE-REFRESH message", whatever their length.
        DecodeResult r = MessageCodec.decode(Hex.of("MARKER 0019 05 0002 07 01 abcd"), CTX);
        assertThat(r).isEqualTo(new DecodeResult.Ok(new RouteRefresh(AfiSafi.IPV6_UNICAST, 7)));
        assertThat(new RouteRefresh(AfiSafi.IPV6_UNICAST, 255).isKnownSubtype()).isFalse();
    }

    @Test
    void wrongLengthIsRouteRefreshMessageError() {
        // RFC 7313 §5: Invalid Message Length; the data is the complete ROUTE-REFRESH message.
        for (String wire : List.of("MARKER 0018 05 0002 01 01 00", "MARKER 0018 05 0002 02 01 00", "MARKER 0018 05 0002 00 01 00")) {
            DecodeError e = ((DecodeResult.Failure) MessageCodec.decode(Hex.of(wire), CTX)).error();
            assertThat(e.code()).isEqualTo(ErrorCodes.ROUTE_REFRESH_MESSAGE);
            assertThat(e.subcode()).isEqualTo(ErrorCodes.INVALID_MESSAGE_LENGTH);
            assertThat(e.data()).isEqualTo(Hex.of(wire));
        }
    }

    @Test
    void encoderRefusesWhatMustNotBeSent() {
        var attrs = List.<PathAttribute>of(PathAttribute.Origin.IGP, PathAttribute.AsPath.sequence(4200000001L),
                PathAttribute.NextHop.of("10.0.0.1"));
        Update big = new Update(List.of(), attrs, List.of(Prefix.parse("10.0.0.0/8")));
        assertThatThrownBy(() -> MessageCodec.encode(big, EncodeContext.TWO_OCTET)).hasMessageContaining("As4.toOldSpeaker");
        Update as4 = new Update(List.of(), List.of(new PathAttribute.As4Path(List.of(AsPathSegment.sequence(1)))), List.of());
        assertThatThrownBy(() -> MessageCodec.encode(as4, EncodeContext.FOUR_OCTET)).hasMessageContaining("RFC 6793");
        Update mixed = new Update(List.of(Prefix.parse("10.1.0.0/16")), attrs, List.of(Prefix.parse("10.0.0.0/8")));
        assertThatThrownBy(() -> MessageCodec.encode(mixed, EncodeContext.FOUR_OCTET)).hasMessageContaining("RFC 7606 §5.1");
        Notification huge = new Notification(6, 0, new byte[5000]);
        assertThatThrownBy(() -> MessageCodec.encode(huge, EncodeContext.FOUR_OCTET)).hasMessageContaining("exceeds");
        assertThat(MessageCodec.encode(huge, new EncodeContext(true, true))).hasSize(5021);
        assertThat(MessageCodec.maxLength(MessageType.OPEN, new EncodeContext(true, true))).isEqualTo(4096);
        assertThatThrownBy(() -> new Update(List.of(), List.of(PathAttribute.Origin.IGP, PathAttribute.Origin.EGP), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Update(List.of(Prefix.parse("2001:db8::/32")), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handBuiltFramesAreCheckedToo() {
        DecodeResult r = MessageCodec.decode(new Frame(MessageType.OPEN, new byte[3]), CTX);
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Failure.class, f -> assertThat(f.error().subcode()).isEqualTo(2));
        assertThat(MessageCodec.decode(new Frame(MessageType.KEEPALIVE, new byte[1]), CTX)).isInstanceOf(DecodeResult.Failure.class);
        assertThat(MessageCodec.decode(Hex.of("MARKER 0017"), CTX)).isInstanceOf(DecodeResult.Failure.class);
    }
}
