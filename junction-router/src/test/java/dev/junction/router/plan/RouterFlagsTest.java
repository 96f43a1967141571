package dev.junction.router.plan;

import static dev.junction.router.plan.Nodes.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class RouterFlagsTest {
    @Test
    void defaults() {
        RouterFlags f = RouterFlags.defaults();
        assertThat(f.clusterAsn()).isEqualTo(64512);
        assertThat(f.nodesFullMesh()).isTrue();
        assertThat(f.enableIbgp()).isTrue();
        assertThat(f.globalPeers()).isEmpty();
        assertThat(f.bgpPort()).isEqualTo(179);
        assertThat(f.holdTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(f.advertisePodCidr()).isTrue();
        assertThat(f.advertiseClusterIp() || f.advertiseExternalIp() || f.advertiseLoadBalancerIp()).isFalse();
        assertThat(f.gracefulRestart()).isTrue();
        assertThat(f.gracefulRestartTime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(f.gracefulRestartDeferral()).isEqualTo(Duration.ofSeconds(360));
        assertThat(f.overlay()).isEqualTo(OverlayMode.SUBNET);
        assertThat(f.routerId()).isEmpty();
        assertThat(f.toBuilder().build()).isEqualTo(f);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> RouterFlags.builder().clusterAsn(23456).build()).hasMessage("cluster ASN: AS 23456 is AS_TRANS (RFC 6793), reserved");
        assertThatThrownBy(() -> RouterFlags.builder().holdTime(Duration.ofSeconds(2)).build()).hasMessageContaining("hold time");
        assertThatThrownBy(() -> RouterFlags.builder().holdTime(Duration.ofSeconds(65536)).build()).hasMessageContaining("hold time");
        assertThatThrownBy(() -> RouterFlags.builder().gracefulRestartTime(Duration.ofSeconds(4096)).build()).hasMessageContaining("4095");
        assertThatThrownBy(() -> RouterFlags.builder().bgpPort(0).build()).hasMessageContaining("BGP port");
    }

    @ParameterizedTest
    @CsvSource({"64512, true", "65534, true", "65535, false", "4200000000, true", "4294967294, true", "64511, false", "100, false"})
    void privateAsns(long asn, boolean isPrivate) {
        assertThat(Asn.isPrivate(asn)).isEqualTo(isPrivate);
    }

    @Test
    void externalPeerNeverShowsItsPassword() {
        var p = new ExternalPeer(ip("192.168.1.254"), 65000, 179, Optional.of("s3cret"), 2, Optional.of(ip("192.168.1.1")));
        assertThat(p.toString()).isEqualTo("ExternalPeer[192.168.1.254:179 AS65000 password <hidden> multihop 2 local 192.168.1.1]")
                .doesNotContain("s3cret");
        assertThat(List.of(p).toString()).doesNotContain("s3cret");
        assertThat(p.name()).isEqualTo("external/192.168.1.254");
    }

    @Test
    void externalPeerChecks() {
        assertThatThrownBy(() -> ExternalPeer.of(ip("192.168.1.254"), 0)).hasMessage("peer 192.168.1.254: AS 0 is outside 1..4294967295");
        assertThatThrownBy(() -> new ExternalPeer(ip("fd00::1"), 65000, 179, Optional.empty(), 256, Optional.empty()))
                .hasMessageContaining("multihop TTL 256");
        assertThat(new ExternalPeer(ip("fd00::1"), 65000, 179, Optional.of(""), 0, Optional.empty()).password()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"U2VjdXJlUGFzc3dvcmQ=, SecurePassword", "U2VjdXJlUGFzc3dvcmQK, SecurePassword", "' cGFzcw== ', pass"})
    void passwordsAreBase64(String base64, String plain) {
        assertThat(ExternalPeer.decodePassword(base64)).contains(plain);
    }

    @Test
    void aPasswordThatIsNotBase64IsEmpty() {
        assertThat(ExternalPeer.decodePassword("not base64!")).isEmpty();
        assertThat(ExternalPeer.decodePassword("/w==")).as("0xff is not UTF-8").isEmpty();
    }
}
