package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration-dependent OPEN checks (RFC 4271 §6.2, RFC 6286 §2.2, RFC 5492 §5). Peer is OpenCodecTest's BIRD. */
@Tag("unit")
class OpenChecksTest {
    private final Open bird = OpenCodecTest.birdOpen();

    @Test
    void badPeerAsComparesTheFourOctetAs() {
        assertThat(OpenChecks.peerAs(bird, 65001)).isEmpty();
        assertThat(OpenChecks.peerAs(bird, 65002)).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.OPEN_MESSAGE);
            assertThat(e.subcode()).isEqualTo(ErrorCodes.BAD_PEER_AS);
        });
        Open big = Open.of(4200000001L, 90, IpText.ipv4("10.0.0.3"), List.of(new Capability.FourOctetAs(4200000001L)));
        assertThat(OpenChecks.peerAs(big, 4200000001L)).isEmpty();
        assertThat(OpenChecks.peerAs(big, Open.AS_TRANS)).isPresent();
    }

    @Test
    void badBgpIdentifierOnlyForInternalPeersWithOurId() {
        assertThat(OpenChecks.bgpIdentifier(bird, IpText.ipv4("10.0.0.1"), false)).isEmpty();
        assertThat(OpenChecks.bgpIdentifier(bird, IpText.ipv4("10.0.0.9"), true)).isEmpty();
        assertThat(OpenChecks.bgpIdentifier(bird, IpText.ipv4("10.0.0.1"), true))
                .hasValueSatisfying(e -> assertThat(e.subcode()).isEqualTo(ErrorCodes.BAD_BGP_IDENTIFIER));
    }

    @Test
    void unacceptableHoldTimeBelowTheLocalMinimumButNotZero() {
        assertThat(OpenChecks.holdTime(bird, 240)).isEmpty();
        assertThat(OpenChecks.holdTime(bird, 241)).hasValueSatisfying(e -> assertThat(e.subcode()).isEqualTo(ErrorCodes.UNACCEPTABLE_HOLD_TIME));
        Open zero = Open.of(65001, 0, IpText.ipv4("10.0.0.1"), List.of());
        assertThat(OpenChecks.holdTime(zero, 9)).isEmpty();
    }

    @Test
    void unsupportedCapabilityListsTheMissingOnesAsEncoded() {
        assertThat(OpenChecks.requiredCapabilities(bird, List.of(new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST),
                new Capability.FourOctetAs(1)))).isEmpty();
        assertThat(OpenChecks.requiredCapabilities(bird, List.of(new Capability.Multiprotocol(new AfiSafi(1, 2)),
                new Capability.ExtendedMessageCapability()))).hasValueSatisfying(e -> {
            assertThat(e.subcode()).isEqualTo(ErrorCodes.UNSUPPORTED_CAPABILITY);
            assertThat(Hex.of(e.data())).isEqualTo("01040001000206" + "00");
            assertThat(e.toNotification()).isEqualTo(new Notification(2, 7, Hex.of("0104000100020600")));
        });
    }
}
