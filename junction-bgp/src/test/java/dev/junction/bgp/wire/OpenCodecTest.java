package dev.junction.bgp.wire;

import dev.junction.bgp.wire.Capability.EnhancedRouteRefreshCapability;
import dev.junction.bgp.wire.Capability.ExtendedMessageCapability;
import dev.junction.bgp.wire.Capability.FourOctetAs;
import dev.junction.bgp.wire.Capability.GracefulRestart;
import dev.junction.bgp.wire.Capability.Multiprotocol;
import dev.junction.bgp.wire.Capability.RouteRefreshCapability;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.junction.bgp.wire.AfiSafi.IPV4_UNICAST;
import static dev.junction.bgp.wire.AfiSafi.IPV6_UNICAST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OPEN (RFC 4271 §4.2, §6.2) and capabilities (RFC 5492). Peers: AS 65001 is "BIRD" at 10.0.0.1, AS 65002 is
 * "FRR" at 10.0.0.2, AS 4200000001 is a 4-octet-only speaker at 10.0.0.3.
 */
@Tag("unit")
class OpenCodecTest {
    private static final DecodeContext CTX = DecodeContext.of(true, true);

    /**
     * An OPEN laid out as BIRD 2's bgp_write_capabilities does: one Capabilities parameter, capabilities in BIRD's
     * order (multiprotocol per channel, route refresh, graceful restart, 4-octet AS, enhanced route refresh,
     * long-lived graceful restart). Hand-built from the RFC field layouts, not captured: "graceful restart on" with
     * 120 s and forwarding state for both families, LLGR "aware" (code 71, empty, kept as an unknown capability).
     */
    static final String BIRD_OPEN = """
            MARKER 0043 01
            04 fde9 00f0 0a000001   # version 4, AS 65001, hold 240, id 10.0.0.1
            26                      # Optional Parameters Length 38
            02 24                   # Capabilities parameter, 36 octets (RFC 5492 §4)
            01 04 0001 00 01        # multiprotocol IPv4 unicast (RFC 4760 §8)
            01 04 0002 00 01        # multiprotocol IPv6 unicast
            02 00                   # route refresh (RFC 2918 §2)
            40 0a 0078 0001 01 80 0002 01 80  # graceful restart 120 s, IPv4+IPv6 forwarding (RFC 4724 §3)
            41 04 0000fde9          # 4-octet AS 65001 (RFC 6793 §3)
            46 00                   # enhanced route refresh (RFC 7313 §3.1)
            47 00                   # long-lived graceful restart, no families (not decoded by this codec)
            """;

    static Open birdOpen() {
        return Open.of(65001, 240, IpText.ipv4("10.0.0.1"), List.of(
                new Multiprotocol(IPV4_UNICAST), new Multiprotocol(IPV6_UNICAST), new RouteRefreshCapability(),
                new GracefulRestart(0, 120, List.of(GracefulRestart.Family.of(IPV4_UNICAST, true),
                        GracefulRestart.Family.of(IPV6_UNICAST, true))),
                new FourOctetAs(65001), new EnhancedRouteRefreshCapability(), new Capability.Unknown(71, new byte[0])));
    }

    @Test
    void encodesAndDecodesBirdStyleOpen() {
        assertThat(Hex.of(MessageCodec.encode(birdOpen(), EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of(BIRD_OPEN)));
        assertThat(MessageCodec.decode(Hex.of(BIRD_OPEN), CTX)).isEqualTo(new DecodeResult.Ok(birdOpen()));
        Open o = birdOpen();
        assertThat(o.asNumber()).isEqualTo(65001);
        assertThat(o.multiprotocol()).containsExactly(IPV4_UNICAST, IPV6_UNICAST);
        assertThat(o.capability(GracefulRestart.class).orElseThrow().families()).allMatch(GracefulRestart.Family::forwardingState);
    }

    /**
     * One parameter per capability, as FRR writes them, with Cisco's pre-standard route refresh (code 128) and the
     * hostname capability (code 73) that this codec keeps as raw unknown capabilities, and graceful restart with
     * the R and N bits (RFC 4724 §3, RFC 8538 §2) and no families.
     */
    @Test
    void decodesOneParameterPerCapabilityAndKeepsUnknownOnes() {
        String frr = """
                MARKER 004a 01
                04 fdea 00b4 0a000002 2d
                02 06 01 04 0001 00 01
                02 02 80 00
                02 02 02 00
                02 06 41 04 0000fdea
                02 09 49 07 05 6672723031 00   # hostname "frr01", empty domain
                02 02 46 00
                02 04 40 02 c0 78              # R and N set, restart time 120
                """;
        Open o = (Open) ((DecodeResult.Ok) MessageCodec.decode(Hex.of(frr), CTX)).message();
        assertThat(o.capabilities()).containsExactly(new Multiprotocol(IPV4_UNICAST), new Capability.Unknown(128, new byte[0]),
                new RouteRefreshCapability(), new FourOctetAs(65002), new Capability.Unknown(73, Hex.of("05 6672723031 00")),
                new EnhancedRouteRefreshCapability(), new GracefulRestart(0xC, 120, List.of()));
        GracefulRestart gr = o.capability(GracefulRestart.class).orElseThrow();
        assertThat(gr.restartState()).isTrue();
        assertThat(gr.notification()).isTrue();
        // Re-encoded, the same capabilities sit in one parameter: 2 + 8+2+2+8+9+2+6 - 6*2 octets of parameters.
        byte[] again = MessageCodec.encode(o, EncodeContext.FOUR_OCTET);
        assertThat(again.length).isEqualTo(74 - 6 * 2);
        assertThat(MessageCodec.decode(again, CTX)).isEqualTo(new DecodeResult.Ok(o));
    }

    @Test
    void fourOctetAsSpeakerSendsAsTrans() {
        Open o = Open.of(4200000001L, 90, IpText.ipv4("10.0.0.3"), List.of(new FourOctetAs(4200000001L)));
        assertThat(o.myAs()).isEqualTo(Open.AS_TRANS);
        assertThat(Hex.of(MessageCodec.encode(o, EncodeContext.TWO_OCTET)))
                .isEqualTo(Hex.of(Hex.of("MARKER 0025 01 04 5ba0 005a 0a000003 08 02 06 41 04 fa56ea01")));
        assertThat(o.asNumber()).isEqualTo(4200000001L);
    }

    @Test
    void roundTripsEveryCapability() {
        List<Capability> all = List.of(new Multiprotocol(new AfiSafi(25, 70)), new RouteRefreshCapability(),
                new ExtendedMessageCapability(), new FourOctetAs(0xFFFFFFFFL), new EnhancedRouteRefreshCapability(),
                new GracefulRestart(0xF, 4095, List.of(new GracefulRestart.Family(IPV6_UNICAST, 0x7F))),
                new Capability.Unknown(69, Hex.of("0001 01 03")), new Capability.Unknown(255, new byte[255]));
        for (Capability c : all) {
            Open o = Open.of(65001, 0, IpText.ipv4("10.0.0.1"), List.of(c));
            assertThat(MessageCodec.decode(MessageCodec.encode(o, EncodeContext.FOUR_OCTET), CTX)).as(c.toString())
                    .isEqualTo(new DecodeResult.Ok(o));
        }
        Open none = Open.of(65001, 3, IpText.ipv4("10.0.0.1"), List.of());
        assertThat(Hex.of(MessageCodec.encode(none, EncodeContext.FOUR_OCTET))).endsWith("00");
        assertThat(MessageCodec.decode(MessageCodec.encode(none, EncodeContext.FOUR_OCTET), CTX)).isEqualTo(new DecodeResult.Ok(none));
    }

    /** RFC 9072 §2: more than 255 octets of parameters use the extended length form. */
    @Test
    void usesExtendedOptionalParametersWhenNeeded() {
        List<Capability> caps = new ArrayList<>();
        for (int i = 0; i < 60; i++) caps.add(new Multiprotocol(new AfiSafi(1, i)));
        Open o = Open.of(65001, 90, IpText.ipv4("10.0.0.1"), caps);
        byte[] wire = MessageCodec.encode(o, EncodeContext.FOUR_OCTET);
        assertThat(Hex.of(wire).substring(56, 70)).isEqualTo("ffff016b020168");
        assertThat(MessageCodec.decode(wire, CTX)).isEqualTo(new DecodeResult.Ok(o));
    }

    /** RFC 4271 §6.2 errors that need no configuration, with RFC 7607 (AS 0) and RFC 6286 (identifier 0). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "version 3;                  03 fde9 005a 0a000001 00;                   2; 1; 0004",
            "version 5;                  05 fde9 005a 0a000001 00;                   2; 1; 0004",
            "peer AS 0;                  04 0000 005a 0a000001 00;                   2; 2; ''",
            "4-octet AS capability 0;    04 5ba0 005a 0a000001 08 02 06 41 04 00000000; 2; 2; ''",
            "hold time 1;                04 fde9 0001 0a000001 00;                   2; 6; ''",
            "hold time 2;                04 fde9 0002 0a000001 00;                   2; 6; ''",
            "BGP identifier 0;           04 fde9 005a 00000000 00;                   2; 3; ''",
            "authentication parameter;   04 fde9 005a 0a000001 03 01 01 00;          2; 4; ''",
            "unknown parameter 3;        04 fde9 005a 0a000001 02 03 00;             2; 4; ''",
            "parameter overruns;         04 fde9 005a 0a000001 02 02 05;             2; 0; ''",
            "parameter header truncated; 04 fde9 005a 0a000001 01 02;                2; 0; ''",
            "capability overruns;        04 fde9 005a 0a000001 04 02 02 01 05;       2; 0; ''",
            "capability header truncated; 04 fde9 005a 0a000001 03 02 01 01;         2; 0; ''",
            "multiprotocol length 1;     04 fde9 005a 0a000001 05 02 03 01 01 00;    2; 0; ''",
            "route refresh length 1;     04 fde9 005a 0a000001 05 02 03 02 01 00;    2; 0; ''",
            "extended message length 1;  04 fde9 005a 0a000001 05 02 03 06 01 00;    2; 0; ''",
            "enhanced refresh length 1;  04 fde9 005a 0a000001 05 02 03 46 01 00;    2; 0; ''",
            "4-octet AS length 2;        04 fde9 005a 0a000001 06 02 04 41 02 0000;  2; 0; ''",
            "graceful restart length 3;  04 fde9 005a 0a000001 07 02 05 40 03 007800; 2; 0; ''",
            "graceful restart length 1;  04 fde9 005a 0a000001 05 02 03 40 01 00;    2; 0; ''",
            "opt length too long;        04 fde9 005a 0a000001 01;                   1; 2; 001d",
            "opt length too short;       04 fde9 005a 0a000001 00 02 00;             1; 2; 001f",
            "extended form truncated;    04 fde9 005a 0a000001 ff ff 00;             1; 2; 001f",
    })
    void rejectsMalformedOpen(String name, String body, int code, int subcode, String data) {
        DecodeResult r = MessageCodec.decode(Hex.message(1, Hex.of(body)), CTX);
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Failure.class, f -> {
            assertThat(f.error().action()).isEqualTo(ErrorAction.SESSION_RESET);
            assertThat(f.error().code()).isEqualTo(code);
            assertThat(f.error().subcode()).isEqualTo(subcode);
            assertThat(Hex.of(f.error().data())).isEqualTo(data);
        });
    }

    @Test
    void holdTimeZeroAndThreeAreAccepted() {
        for (String hold : List.of("0000", "0003")) {
            assertThat(MessageCodec.decode(Hex.message(1, Hex.of("04 fde9" + hold + "0a000001 00")), CTX)).isInstanceOf(DecodeResult.Ok.class);
        }
    }
}
