package dev.junction.bgp.speaker;

import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text configuration of {@link SpeakerMain}. */
@Tag("unit")
class ConfigParserTest {
    private static final String TEXT = """
            # node 2
            router-id 192.168.100.2
            asn 64512
            listen 0.0.0.0 1179
            cluster-id 10.255.0.1
            graceful-restart on restart-time 90 stale-time 300 deferral 60 restarting
            originate 10.244.2.0/24 community 64512:100
            policy pods term only-pods prefix 10.244.0.0/16 le 24 then local-pref 200 add-community 64512:7
            policy pods term rest then reject
            policy out term all then prepend 2 next-hop-self
            peer rr address 192.168.100.1 asn 64512 local 192.168.100.2 hold 9 keepalive 3 connect-retry 2 rr-client import pods
            peer tor address 192.168.101.1 asn 65001 port 1179 passive families ipv4,ipv6 next-hop-v6 2001:db8::2 export out ttl 2 password t0p-secret
            """;

    @Test
    void aPasswordIsKeptButNeverPrinted() {
        SpeakerConfig c = ConfigParser.parse(TEXT);
        PeerConfig tor = c.peers().get(1);
        assertThat(tor.md5Password()).hasValue("t0p-secret");
        assertThat(tor.toString()).contains("password <hidden>").doesNotContain("t0p-secret");
        assertThat(c.toString()).doesNotContain("t0p-secret");
        assertThat(c.peers().get(0).md5Password()).isEmpty();
    }

    @Test
    void parsesEveryStatement() {
        SpeakerConfig c = ConfigParser.parse(TEXT);
        assertThat(c.routerId().getHostAddress()).isEqualTo("192.168.100.2");
        assertThat(c.asn()).isEqualTo(64512);
        assertThat(c.listen().getPort()).isEqualTo(1179);
        assertThat(c.effectiveClusterId().getHostAddress()).isEqualTo("10.255.0.1");
        assertThat(c.gracefulRestart()).isEqualTo(new GracefulRestartConfig(true, 90, Duration.ofSeconds(300), true, true, Duration.ofSeconds(60)));
        assertThat(c.originated()).containsExactly(new SpeakerConfig.Originated(Prefix.parse("10.244.2.0/24"), List.of(Communities.of(64512, 100))));

        PeerConfig rr = c.peers().get(0);
        assertThat(rr.localAddress()).isEqualTo(InetAddress.ofLiteral("192.168.100.2"));
        assertThat(rr.holdTime()).isEqualTo(9);
        assertThat(rr.keepaliveTime()).isEqualTo(3);
        assertThat(rr.connectRetry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(rr.routeReflectorClient()).isTrue();
        assertThat(rr.port()).isEqualTo(179);

        PeerConfig tor = c.peers().get(1);
        assertThat(tor.passive()).isTrue();
        assertThat(tor.port()).isEqualTo(1179);
        assertThat(tor.ttl()).isEqualTo(2);
        assertThat(tor.families()).isEqualTo(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
        assertThat(tor.nextHopV6()).isEqualTo(InetAddress.ofLiteral("2001:db8::2"));
    }

    @Test
    void policiesBehaveAsWritten() {
        SpeakerConfig c = ConfigParser.parse(TEXT);
        Policy pods = c.peers().get(0).importPolicy();
        Policy.Context ctx = new Policy.Context(64512, InetAddress.ofLiteral("192.168.101.2"));
        RouteAttributes a = RouteAttributes.local(List.of()).withNextHop(InetAddress.ofLiteral("192.168.100.1"));
        Policy.Verdict in = pods.apply(Prefix.parse("10.244.5.0/24"), a, ctx);
        assertThat(in.accepted()).isTrue();
        assertThat(in.attributes().localPref()).isEqualTo(OptionalLong.of(200));
        assertThat(in.attributes().communities()).containsExactly(Communities.of(64512, 7));
        assertThat(pods.apply(Prefix.parse("10.0.0.0/8"), a, ctx).accepted()).isFalse();
        RouteAttributes out = c.peers().get(1).exportPolicy().apply(Prefix.parse("10.244.5.0/24"), a, ctx).attributes();
        assertThat(out.asPath()).containsExactly(AsPathSegment.sequence(64512, 64512));
        assertThat(out.nextHop()).isEqualTo(InetAddress.ofLiteral("192.168.101.2"));
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> ConfigParser.parse("router-id 10.0.0.1\nasn 1\nbogus 1\n")).hasMessageContaining("line 3");
        assertThatThrownBy(() -> ConfigParser.parse("router-id 10.0.0.1\nasn 1\npeer x asn 2\n")).hasMessageContaining("needs address");
        assertThatThrownBy(() -> ConfigParser.parse("router-id 10.0.0.1\nasn 1\npeer x address 10.0.0.2 asn 2 import nope\n"))
                .hasMessageContaining("unknown policy");
    }
}
