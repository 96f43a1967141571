package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Parses {@code nft -j list} output captured from kernel 6.18 / nft 1.0.6 (inputs: sample-*.nft). */
@Tag("unit")
class NftJsonTest {
    private static final TableRef IP = new TableRef(Family.IP, "junction");
    private static final TableRef IP6 = new TableRef(Family.IP6, "junction");

    static String resource(String name) throws IOException {
        try (InputStream in = NftJsonTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void ipv4TableWithVerdictMapIntervalTimeoutAndPlainSets() throws Exception {
        TableState s = NftJson.parse(resource("sample-ip.json"), IP);
        assertThat(s.chains()).containsExactlyInAnyOrder("services", "service-ULMVA6XW-ns1/svc1/tcp/p80",
                "endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
                "endpoint-6OJB2KTY-ns1/svc1/tcp/p80__10.180.0.2/80");
        assertThat(s.sets()).containsOnlyKeys("service-ips", "cidrs", "aff", "plain", "vm");
        assertThat(s.sets().get("service-ips")).containsOnly(
                entry("10.96.0.1 . tcp . 80", "goto service-ULMVA6XW-ns1/svc1/tcp/p80"),
                entry("10.96.0.10 . udp . 53", "jump endpoint-6OJB2KTY-ns1/svc1/tcp/p80__10.180.0.2/80"),
                entry("10.96.0.11 . sctp . 9", "drop"),
                entry("10.96.0.12 . udp . 54", "accept")); // given as protocol 17
        assertThat(s.sets().get("cidrs")).containsOnly(entry("10.0.0.0/8", ""), entry("172.16.0.0/12", ""),
                entry("192.168.1.1", ""), entry("11.255.255.255", "")); // given as 11.255.255.255/32
        assertThat(s.sets().get("aff")).containsOnly(entry("10.0.0.7", "")); // {"elem": {"val", "expires"}}
        assertThat(s.sets().get("plain")).containsOnlyKeys("1.2.3.4", "4.3.2.1");
        assertThat(s.sets().get("vm")).containsOnly(entry("1.1.1.1", "drop"), entry("2.2.2.2", "continue"),
                entry("3.3.3.3", "return"));
    }

    @Test
    void ipv6TableWithPrefixesRangesAndConcatenatedIntervals() throws Exception {
        TableState s = NftJson.parse(resource("sample-ip6.json"), IP6);
        assertThat(s.chains()).containsExactly("svc");
        assertThat(s.sets().get("service-ips")).containsOnly(
                entry("fd00::1 . tcp . 80", "goto svc"),
                entry("2001:db8::1 . udp . 53", "drop"),
                entry("::ffff:10.0.0.1 . tcp . 1", "accept"),
                entry("2001:db8::1:0:0:1 . tcp . 2", "accept"));
        assertThat(s.sets().get("cidrs")).containsOnlyKeys("fd00::/8", "2001:db8::1", "2001:db8:1::/48");
        assertThat(s.sets().get("empty")).isEmpty();
        assertThat(s.sets().get("ranges")).containsOnlyKeys("80-90", "443");
        assertThat(s.sets().get("ci")).containsOnlyKeys("fd00::/16 . 80-90", "2001:db8::1 . 443");
    }

    @Test
    void canonicalFormsMatchWhatTheKernelListed() throws Exception {
        // The same keys, written as in sample-ip6.nft, canonicalised by Canonical: must equal the listing.
        TableState s = NftJson.parse(resource("sample-ip6.json"), IP6);
        var type = Canonical.typeParts("ipv6_addr . inet_proto . inet_service");
        for (String written : new String[] {"fd00:0:0:0:0:0:0:1 . tcp . 80", "2001:DB8::0:1 . udp . 53",
            "::ffff:10.0.0.1 . tcp . 1", "2001:db8:0:0:1:0:0:1 . tcp . 2"}) {
            assertThat(s.sets().get("service-ips")).containsKey(Canonical.key(type, written, false));
        }
        for (String written : new String[] {"fd00::/16 . 80-90", "2001:db8::1 . 443"}) {
            assertThat(s.sets().get("ci")).containsKey(
                    Canonical.key(Canonical.typeParts("ipv6_addr . inet_service"), written, true));
        }
    }

    @Test
    void emptyTable() throws Exception {
        TableState s = NftJson.parse(resource("sample-empty.json"), new TableRef(Family.IP, "empty"));
        assertThat(s.chains()).isEmpty();
        assertThat(s.sets()).isEmpty();
    }

    @Test
    void ignoresEveryOtherTable() throws Exception {
        String ruleset = resource("sample-ruleset.json"); // ip junction, ip6 junction and ip empty
        assertThat(NftJson.parse(ruleset, IP)).isEqualTo(NftJson.parse(resource("sample-ip.json"), IP));
        assertThat(NftJson.parse(ruleset, IP6)).isEqualTo(NftJson.parse(resource("sample-ip6.json"), IP6));
        assertThat(NftJson.parse(ruleset, new TableRef(Family.INET, "junction")).chains()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotNftJson() {
        assertThatThrownBy(() -> NftJson.parse("not json", IP)).isInstanceOf(NftException.class);
        assertThatThrownBy(() -> NftJson.parse("{\"x\": 1}", IP)).isInstanceOf(NftException.class);
    }

    @Test
    void dataMapValuesAreRenderedLikeKeys() throws Exception {
        String json = """
                {"nftables": [{"map": {"family": "ip", "name": "m", "table": "junction", "type": "ipv4_addr",
                  "map": "ipv4_addr", "elem": [["10.0.0.1", "192.168.0.1"], [{"prefix": {"addr": "10.1.0.0", "len": 16}}, "1.1.1.1"]]}}]}
                """;
        assertThat(NftJson.parse(json, IP).sets().get("m"))
                .isEqualTo(Map.of("10.0.0.1", "192.168.0.1", "10.1.0.0/16", "1.1.1.1"));
    }
}
