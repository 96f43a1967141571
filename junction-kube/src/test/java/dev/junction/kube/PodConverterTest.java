package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PodInfo.NamedPort;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP plan in {@link PolicyTestObjects}: pod default/web at 10.0.0.1 on n1. */
@Tag("unit")
class PodConverterTest {
    private final PodConverter converter = new PodConverter();

    @Test
    void convertsAPod() {
        assertThat(accept(PolicyTestObjects.pod()).value()).isEqualTo(new PodInfo("default", "web",
                List.of(Ip.of("10.0.0.1")), Map.of("app", "web"), "n1", false,
                List.of(new NamedPort("http", Protocol.TCP, 8080))));
    }

    @Test
    void readsEveryPodIpOfADualStackPod() {
        var p = PolicyTestObjects.pod();
        p.getStatus().setPodIPs(List.of(new PodIP("10.0.0.1"), new PodIP("fd00:10:0::1")));
        assertThat(accept(p).value().ips()).containsExactly(Ip.of("10.0.0.1"), Ip.of("fd00:10::1"));
    }

    @Test
    void fallsBackToPodIpWhenPodIpsIsEmpty() {
        var p = PolicyTestObjects.pod();
        p.getStatus().setPodIPs(List.of());
        p.getStatus().setPodIP("10.0.0.7");
        assertThat(accept(p).value().ips()).containsExactly(Ip.of("10.0.0.7"));
    }

    @Test
    void dropsAnUnparsableIpWithAWarning() {
        var p = PolicyTestObjects.pod();
        List<PodIP> ips = new ArrayList<>(List.of(new PodIP("10.0.0.x"), new PodIP("fd00:10::1")));
        ips.add(null);
        p.getStatus().setPodIPs(ips);
        var r = accept(p);
        assertThat(r.value().ips()).containsExactly(Ip.of("fd00:10::1"));
        assertThat(r.warnings()).containsExactly(
                "status.podIPs[0].ip: \"10.0.0.x\" is not an IP address; dropped",
                "status.podIPs[2].ip: null is not an IP address; dropped");
    }

    static Stream<Arguments> withoutIp() {
        return Stream.of(
                Arguments.of("Pending, not scheduled yet", (Consumer<io.fabric8.kubernetes.api.model.Pod>) p -> {
                    p.getStatus().setPhase("Pending");
                    p.getStatus().setPodIP(null);
                    p.getStatus().setPodIPs(List.of());
                }),
                Arguments.of("no status at all", (Consumer<io.fabric8.kubernetes.api.model.Pod>) p -> p.setStatus(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutIp")
    void acceptsAPodWithoutIpBecauseItsLabelsAlreadyMatter(String why, Consumer<io.fabric8.kubernetes.api.model.Pod> edit) {
        var p = PolicyTestObjects.pod();
        edit.accept(p);
        var r = accept(p);
        assertThat(r.value().ips()).isEmpty();
        assertThat(r.value().labels()).containsEntry("app", "web");
        assertThat(r.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Succeeded", "Failed"})
    void ignoresAFinishedPod(String phase) {
        var p = PolicyTestObjects.pod();
        p.getStatus().setPhase(phase);
        assertThat(converter.convert(p)).isEqualTo(new Conversion.Ignored<PodInfo>(
                "status.phase is " + phase + ": the pod has finished and holds no IP any more"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pending", "Running", "Unknown"})
    void acceptsAPodThatHasNotFinished(String phase) {
        var p = PolicyTestObjects.pod();
        p.getStatus().setPhase(phase);
        assertThat(accept(p).value().ips()).containsExactly(Ip.of("10.0.0.1"));
    }

    @Test
    void marksAHostNetworkPod() {
        var p = PolicyTestObjects.pod();
        p.getSpec().setHostNetwork(true);
        assertThat(accept(p).value().hostNetwork()).isTrue();
    }

    @Test
    void readsTheNamedPortsOfEveryContainerAndDropsBadOnes() {
        var p = PolicyTestObjects.pod();
        p.getSpec().getContainers().add(new ContainerBuilder().withName("sidecar")
                .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("stream").withContainerPort(9000).withProtocol("SCTP").endPort()
                .addNewPort().withName("icmp").withContainerPort(1).withProtocol("ICMP").endPort()
                .addNewPort().withName("huge").withContainerPort(70000).endPort()
                .build());
        var r = accept(p);
        assertThat(r.value().ports()).containsExactly(new NamedPort("http", Protocol.TCP, 8080),
                new NamedPort("dns", Protocol.UDP, 53), new NamedPort("stream", Protocol.SCTP, 9000));
        assertThat(r.warnings()).containsExactly(
                "spec.containers[1].ports[2].protocol: \"ICMP\" is not TCP, UDP or SCTP; dropped",
                "spec.containers[1].ports[3].containerPort: 70000 is out of range 1-65535; dropped");
    }

    @Test
    void dropsANullLabelValueWithAWarning() {
        var p = PolicyTestObjects.pod();
        Map<String, String> labels = new HashMap<>(Map.of("app", "web"));
        labels.put("broken", null);
        p.getMetadata().setLabels(labels);
        var r = accept(p);
        assertThat(r.value().labels()).isEqualTo(Map.of("app", "web"));
        assertThat(r.warnings()).containsExactly("metadata.labels[broken]: null value; dropped");
    }

    @Test
    void rejectsAPodWithoutNameOrNamespace() {
        var p = PolicyTestObjects.pod();
        p.getMetadata().setName(null);
        assertThat(converter.convert(p)).isEqualTo(new Conversion.Rejected<PodInfo>("metadata.name is missing"));
        p = PolicyTestObjects.pod();
        p.getMetadata().setNamespace(null);
        assertThat(converter.convert(p)).isEqualTo(new Conversion.Rejected<PodInfo>("metadata.namespace is missing"));
    }

    @Test
    void toleratesAMissingSpecAndNullContainers() {
        var p = PolicyTestObjects.pod();
        p.getSpec().getContainers().add(null);
        assertThat(accept(p).value().ports()).hasSize(1);
        p.setSpec(null);
        var info = accept(p).value();
        assertThat(info.nodeName()).isEmpty();
        assertThat(info.ports()).isEmpty();
    }

    private Conversion.Accepted<PodInfo> accept(io.fabric8.kubernetes.api.model.Pod p) {
        var r = converter.convert(p);
        assertThat(r).isInstanceOf(Conversion.Accepted.class);
        return (Conversion.Accepted<PodInfo>) r;
    }
}
