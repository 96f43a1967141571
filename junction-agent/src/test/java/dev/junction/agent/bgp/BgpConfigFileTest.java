package dev.junction.agent.bgp;

import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.AfiSafi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YAML configuration of {@code junction bgp serve}: the documented example, and one error per mistake. */
@Tag("unit")
class BgpConfigFileTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "bgp", "speaker.yaml");

    @Test
    void theDocumentedExampleParses() throws Exception {
        BgpConfigFile.Parsed parsed = BgpConfigFile.read(EXAMPLE);
        SpeakerConfig c = parsed.speaker();
        assertThat(c.routerId().getHostAddress()).isEqualTo("192.168.100.2");
        assertThat(c.asn()).isEqualTo(64512);
        assertThat(c.listen().getPort()).isEqualTo(179);
        assertThat(parsed.admin().getAddress().isLoopbackAddress()).isTrue();
        assertThat(parsed.admin().getPort()).isEqualTo(50052);
        assertThat(c.gracefulRestart().restartTime()).isEqualTo(120);
        assertThat(c.originated()).singleElement().satisfies(o -> assertThat(o.prefix().toString()).isEqualTo("10.244.1.0/24"));
        PeerConfig tor = c.peers().get(0);
        assertThat(tor.name()).isEqualTo("tor");
        assertThat(tor.asn()).isEqualTo(65001);
        assertThat(tor.md5Password()).as("read from the file next to the config, newline stripped").hasValue("tor-md5-key");
        assertThat(tor.ttl()).isEqualTo(2);
        assertThat(tor.families()).isEqualTo(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
        assertThat(tor.nextHopV6()).isEqualTo(InetAddress.ofLiteral("2001:db8:101::2"));
        assertThat(tor.importPolicy().name()).isEqualTo("from-tor");
        assertThat(tor.importPolicy().terms()).hasSize(2);
        assertThat(tor.exportPolicy().defaultAccept()).isFalse();
        PeerConfig rr = c.peers().get(1);
        assertThat(rr.md5Password()).isEmpty();
        assertThat(rr.connectRetry().toSeconds()).isEqualTo(2);
        assertThat(rr.families()).isEqualTo(Set.of(AfiSafi.IPV4_UNICAST));
    }

    private static final String BASE = "routerId: 10.0.0.1\nasn: 64512\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key          | routerId: 10.0.0.1\\nasn: 64512\\nasm: 1                                   | asm: unknown key
            no router id             | asn: 64512                                                                 | routerId: required
            router id not IPv4       | routerId: ::1\\nasn: 1                                                      | routerId:
            ASN zero                 | routerId: 10.0.0.1\\nasn: 0                                                 | asn: 0 is out of range 1..4294967295
            ASN text                 | routerId: 10.0.0.1\\nasn: 64512x                                            | asn: expected an integer, got "64512x"
            admin on node IP         | BASE admin: {address: 192.168.1.1}                                         | admin.address: the admin endpoint binds to a loopback address only
            peer typo                | BASE peers: [{address: 10.0.0.2, asn: 1, passwrd: x}]                      | peers[0].passwrd: unknown key
            peer bad address         | BASE peers: [{address: 10.0.0.300, asn: 1}]                                | peers[0].address:
            peer hold 2              | BASE peers: [{address: 10.0.0.2, asn: 1, holdTime: 2}]                     | peers[0].holdTime: 0 or at least 3 seconds
            peer unknown policy      | BASE peers: [{address: 10.0.0.2, asn: 1, import: nope}]                    | peers[0].import: no policy named "nope"
            peer bad family          | BASE peers: [{address: 10.0.0.2, asn: 1, families: [ipv5]}]                | peers[0].families: unknown family "ipv5"
            peer password twice      | BASE peers: [{address: 10.0.0.2, asn: 1, password: a, passwordFile: b}]    | peers[0].password: give password or passwordFile, not both
            peer password file gone  | BASE peers: [{address: 10.0.0.2, asn: 1, passwordFile: /nonexistent/pw}]   | peers[0].passwordFile: cannot read /nonexistent/pw
            two peers same address   | BASE peers: [{address: 10.0.0.2, asn: 1}, {address: 10.0.0.2, asn: 2, name: b}] | two peers with address
            bad community            | BASE originate: [{prefix: 10.1.0.0/16, communities: ["70000:1"]}]          | originate[0].communities[0]: "70000:1" is not a community
            bad prefix               | BASE originate: [{prefix: 10.1.0.0/33}]                                    | originate[0].prefix:
            bad policy action        | BASE policies: {p: {terms: [{name: t, then: {action: maybe}}]}}            | policies.p.terms[0].then.action: accept or reject
            bad prefix list          | BASE policies: {p: {terms: [{name: t, match: {prefixes: ["10.0.0.0/8 lt 9"]}}]}} | policies.p.terms[0].match.prefixes:
            multihop over 255        | BASE peers: [{address: 10.0.0.2, asn: 1, multihop: 256}]                   | peers[0].multihop: 256 is out of range 0..255
            not YAML                 | routerId: [                                                                | not valid YAML
            """)
    void eachMistakeIsNamedByItsPath(String name, String yaml, String error) {
        String text = yaml.replace("BASE ", BASE).replace("\\n", "\n");
        assertThatThrownBy(() -> BgpConfigFile.parse(text, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(error);
    }

    @Test
    void defaults() {
        BgpConfigFile.Parsed p = BgpConfigFile.parse(BASE + "peers: [{address: '2001:db8::2', asn: 65001}]", null);
        assertThat(p.admin()).isEqualTo(BgpConfigFile.DEFAULT_ADMIN);
        assertThat(p.speaker().listen().getPort()).isEqualTo(179);
        PeerConfig peer = p.speaker().peers().getFirst();
        assertThat(peer.name()).isEqualTo("2001:db8::2");
        assertThat(peer.families()).as("an IPv6 peer carries IPv6 by default").isEqualTo(Set.of(AfiSafi.IPV6_UNICAST));
        assertThat(peer.holdTime()).isEqualTo(90);
        assertThat(BgpConfigFile.parse(BASE + "listen: false\nadmin: false\n", null).admin()).isNull();
        assertThat(BgpConfigFile.parse(BASE + "listen: false\n", null).speaker().listen()).isNull();
    }
}
