package dev.junction.agent.router;

import dev.junction.router.plan.ExternalPeer;
import dev.junction.router.plan.OverlayMode;
import dev.junction.router.plan.RouterFlags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The router's flags: kube-router's defaults and names, and a bad external peer left out alone. */
@Tag("unit")
class RouterOptionsTest {
    @CommandLine.Command(name = "t")
    static final class Holder {
        @CommandLine.Mixin
        RouterOptions options = new RouterOptions();
    }

    private static RouterOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }

    @Test
    void defaults() {
        List<String> problems = new ArrayList<>();
        RouterFlags f = parse().flags(problems);
        assertThat(problems).isEmpty();
        assertThat(f.clusterAsn()).isEqualTo(64512);
        assertThat(f.nodesFullMesh()).isTrue();
        assertThat(f.overlay()).isEqualTo(OverlayMode.SUBNET);
        assertThat(f.gracefulRestart()).isTrue();
        assertThat(f.globalPeers()).isEmpty();
        assertThat(parse("--enable-overlay=false").flags(problems).overlay()).isEqualTo(OverlayMode.NONE);
        assertThat(parse("--overlay-type", "full").flags(problems).overlay()).isEqualTo(OverlayMode.FULL);
    }

    @Test
    void externalPeersByPositionWithBadEntriesLeftOutAlone() {
        List<String> problems = new ArrayList<>();
        RouterFlags f = parse("--peer-router-ips", "192.0.2.1,not-an-ip,192.0.2.3,192.0.2.4",
                "--peer-router-asns", "65001,65002,65003,65004",
                "--peer-router-passwords", b64("s3cret") + ",," + "%%%," + "",
                "--peer-router-multihop-ttl", "3").flags(problems);
        assertThat(f.globalPeers()).extracting(ExternalPeer::address).extracting(a -> a.getHostAddress())
                .containsExactly("192.0.2.1", "192.0.2.4");
        ExternalPeer first = f.globalPeers().getFirst();
        assertThat(first.asn()).isEqualTo(65001);
        assertThat(first.password()).hasValue("s3cret");
        assertThat(first.multihopTtl()).isEqualTo(3);
        assertThat(f.globalPeers().get(1).password()).isEmpty();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("entry 2 (not-an-ip)", "not an IP address");
        assertThat(problems.get(1)).contains("entry 3 (192.0.2.3)", "not valid base64").doesNotContain("%%%");
        assertThat(String.join(" ", problems)).doesNotContain("s3cret");
    }

    @Test
    void aPeerWithoutAnAsnIsLeftOut() {
        List<String> problems = new ArrayList<>();
        RouterFlags f = parse("--peer-router-ips", "192.0.2.1,192.0.2.2", "--peer-router-asns", "65001").flags(problems);
        assertThat(f.globalPeers()).hasSize(1);
        assertThat(problems).singleElement().asString().contains("entry 2", "no ASN");
    }

    @Test
    void otherBadValuesStopTheStartWithTheirFlag() {
        assertThatThrownBy(() -> parse("--overlay-type", "gre").flags(new ArrayList<>())).hasMessageContaining("--overlay-type");
        assertThatThrownBy(() -> parse("--bgp-holdtime", "2s").flags(new ArrayList<>())).hasMessageContaining("hold time");
        assertThatThrownBy(() -> parse("--cluster-asn", "23456").flags(new ArrayList<>())).hasMessageContaining("cluster ASN");
    }
}
