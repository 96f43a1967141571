package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NodeConverterTest {
    private final NodeConverter converter = new NodeConverter();

    @Test
    void convertsANode() {
        assertThat(accept(TestObjects.node("n1")).value()).isEqualTo(new Node("n1",
                Map.of("topology.kubernetes.io/zone", "z1"), List.of(Ip.of("172.16.0.5")),
                List.of(Cidr.of("10.0.5.0/24")), false));
    }

    @Test
    void keepsTheAnnotations() {
        var n = TestObjects.node("n1");
        n.getMetadata().setAnnotations(Map.of("kube-router.io/node.asn", "64513", "other", ""));
        assertThat(accept(n).value().annotations())
                .containsExactlyInAnyOrderEntriesOf(Map.of("kube-router.io/node.asn", "64513", "other", ""));
    }

    @Test
    void dropsANullAnnotationWithAWarning() {
        var n = TestObjects.node("n1");
        var annotations = new java.util.HashMap<String, String>();
        annotations.put("kube-router.io/node.asn", null);
        annotations.put("kept", "1");
        n.getMetadata().setAnnotations(annotations);
        var result = accept(n);
        assertThat(result.value().annotations()).containsExactlyEntriesOf(Map.of("kept", "1"));
        assertThat(result.warnings()).containsExactly("metadata.annotations[kube-router.io/node.asn]: null value; dropped");
    }

    @Test
    void ordersInternalAddressesBeforeExternalOnesAndSkipsTheRest() {
        var n = TestObjects.node("n1");
        n.getStatus().setAddresses(List.of(
                new NodeAddress("203.0.113.5", "ExternalIP"),
                new NodeAddress("n1.example.com", "Hostname"),
                new NodeAddress("172.16.0.5", "InternalIP"),
                new NodeAddress("172.16.0.x", "InternalIP"),
                new NodeAddress("fd00:16::5", "InternalIP")));
        var result = accept(n);
        assertThat(result.value().addresses())
                .containsExactly(Ip.of("172.16.0.5"), Ip.of("fd00:16::5"), Ip.of("203.0.113.5"));
        assertThat(result.warnings())
                .containsExactly("status.addresses[3].address: \"172.16.0.x\" is not an IP address; dropped");
    }

    @Test
    void fallsBackToTheSinglePodCidr() {
        var n = TestObjects.node("n1");
        n.getSpec().setPodCIDRs(List.of());
        n.getSpec().setPodCIDR("10.0.7.0/24");
        assertThat(accept(n).value().podCidrs()).containsExactly(Cidr.of("10.0.7.0/24"));
    }

    @Test
    void dropsABadPodCidrWithAWarning() {
        var n = TestObjects.node("n1");
        n.getSpec().setPodCIDRs(List.of("10.0.5.0/24", "fd00:5::/129"));
        var result = accept(n);
        assertThat(result.value().podCidrs()).containsExactly(Cidr.of("10.0.5.0/24"));
        assertThat(result.warnings()).containsExactly("spec.podCIDRs[1]: \"fd00:5::/129\" is not a CIDR; dropped");
    }

    @Test
    void isDrainingWhenBeingDeleted() {
        var n = TestObjects.node("n1");
        n.getMetadata().setDeletionTimestamp("2026-03-01T10:00:00Z");
        assertThat(accept(n).value().draining()).isTrue();
    }

    @Test
    void isDrainingWhenTheAutoscalerIsAboutToDeleteIt() {
        var n = TestObjects.node("n1");
        n.getSpec().setTaints(List.of(new Taint("NoSchedule", NodeConverter.AUTOSCALER_DELETE_TAINT, null, "1700000000")));
        assertThat(accept(n).value().draining()).isTrue();
        n.getSpec().setTaints(List.of(new Taint("NoSchedule", "other", null, null)));
        assertThat(accept(n).value().draining()).isFalse();
    }

    @Test
    void rejectsANodeWithoutName() {
        var n = TestObjects.node("n1");
        n.getMetadata().setName(null);
        assertThat(converter.convert(n)).isEqualTo(new Conversion.Rejected<Node>("metadata.name is missing"));
    }

    @Test
    void toleratesAMissingSpecAndStatus() {
        var n = TestObjects.node("n1");
        n.setSpec(null);
        n.setStatus(null);
        assertThat(accept(n).value().addresses()).isEmpty();
    }

    private Conversion.Accepted<Node> accept(io.fabric8.kubernetes.api.model.Node n) {
        var r = converter.convert(n);
        assertThat(r).isInstanceOf(Conversion.Accepted.class);
        return (Conversion.Accepted<Node>) r;
    }
}
