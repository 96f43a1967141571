package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the sandbox's control plane adds to scenario objects: pod IPs and status, Service defaults, Nodes. */
@Tag("unit")
class ClusterStateTest {

    private static Pod pod(String name, String specExtra) {
        return Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: demo}
                spec:
                  containers: [{name: c, image: x}]
                %s""".formatted(name, specExtra.indent(2)), Pod.class);
    }

    private static Service service(String spec) {
        return Serialization.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: s, namespace: demo}
                spec:
                %s""".formatted(spec.indent(2)), Service.class);
    }

    @Test
    void assignsPodIpsInOrderAndNeverReusesThem() {
        ClusterState c = new ClusterState(null);
        c.applyAll(List.of(pod("a", ""), pod("h", "hostNetwork: true"), pod("b", "")));
        assertThat(c.podIp(new ObjectRef("demo", "a"))).isEqualTo("10.244.0.2");
        assertThat(c.podIp(new ObjectRef("demo", "h"))).isEqualTo("192.168.77.2");
        assertThat(c.podIp(new ObjectRef("demo", "b"))).isEqualTo("10.244.0.3");

        c.apply(pod("a", "")); // re-apply keeps the address
        assertThat(c.podIp(new ObjectRef("demo", "a"))).isEqualTo("10.244.0.2");
        c.delete("Pod", new ObjectRef("demo", "b"));
        c.apply(pod("c", ""));
        assertThat(c.podIp(new ObjectRef("demo", "c"))).isEqualTo("10.244.0.4");
    }

    @Test
    void multiNodePodsGetAddressesOfTheirOwnNodeAndItsHostIp() {
        NodeLayout layout = NodeLayout.multiNode("js1", List.of(new ScenarioNode("node1", "A", null),
                new ScenarioNode("node2", "B", "zone-b")), null);
        ClusterState c = ClusterState.of(layout);
        c.applyAll(List.of(pod("a", ""), pod("b", "nodeName: node2"), pod("c", "nodeName: node2"),
                pod("h", "nodeName: node2\nhostNetwork: true")));
        assertThat(c.podIp(new ObjectRef("demo", "a"))).isEqualTo("10.244.1.2");
        assertThat(c.pod(new ObjectRef("demo", "a")).getSpec().getNodeName()).isEqualTo("node1");
        assertThat(c.podIp(new ObjectRef("demo", "b"))).isEqualTo("10.244.2.2");
        assertThat(c.podIp(new ObjectRef("demo", "c"))).isEqualTo("10.244.2.3");
        assertThat(c.podIp(new ObjectRef("demo", "h"))).isEqualTo("192.168.20.2");
        assertThat(c.pod(new ObjectRef("demo", "b")).getStatus().getHostIP()).isEqualTo("192.168.20.2");
        assertThat(c.hostingNode(new ObjectRef("demo", "b")).namespace()).isEqualTo("js1-n2");
        c.apply(pod("a", "nodeName: node2")); // moved: an address of its new node
        assertThat(c.podIp(new ObjectRef("demo", "a"))).isEqualTo("10.244.2.4");

        Node node2 = c.nodes().get("node2");
        assertThat(node2.getSpec().getPodCIDRs()).containsExactly("10.244.2.0/24");
        assertThat(NodeFactory.internalIp(node2)).isEqualTo("192.168.20.2");
        assertThat(node2.getMetadata().getLabels()).containsEntry("topology.kubernetes.io/zone", "zone-b");
        assertThat(c.nodes()).containsOnlyKeys("node1", "node2");
    }

    @Test
    void multiNodeRejectsPodsAndNodesOfUnlistedNodes() {
        ClusterState c = ClusterState.of(NodeLayout.multiNode("js1", List.of(new ScenarioNode("node1", "A", null)),
                null));
        assertThatThrownBy(() -> c.apply(pod("x", "nodeName: elsewhere")))
                .hasMessageContaining("bound to node elsewhere");
        assertThatThrownBy(() -> c.apply(Serialization.unmarshal("apiVersion: v1\nkind: Node\nmetadata: {name: n9}\n",
                Node.class))).hasMessageContaining("no node n9");
    }

    @Test
    void fillsPodStatusLikeAKubelet() {
        ClusterState c = new ClusterState(null);
        c.apply(pod("local", ""));
        c.apply(pod("remote", "nodeName: other-node"));
        Pod local = c.pod(new ObjectRef("demo", "local"));
        assertThat(local.getSpec().getNodeName()).isEqualTo("sandbox-node");
        assertThat(local.getStatus().getPhase()).isEqualTo("Running");
        assertThat(local.getStatus().getHostIP()).isEqualTo("192.168.77.2");
        assertThat(c.pod(new ObjectRef("demo", "remote")).getStatus().getHostIP()).isEqualTo("192.168.77.11");

        c.setPodConditions(new ObjectRef("demo", "local"), new PodConditions(false, true, true));
        local = c.pod(new ObjectRef("demo", "local"));
        assertThat(local.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(local.getStatus().getConditions()).filteredOn(x -> x.getType().equals("Ready"))
                .extracting(x -> x.getStatus()).containsExactly("True");
    }

    @Test
    void defaultsServicesLikeTheApiServer() {
        ClusterState c = new ClusterState(null);
        c.applyAll(List.of(service("""
                type: LoadBalancer
                externalTrafficPolicy: Local
                sessionAffinity: ClientIP
                ports: [{port: 80}, {port: 53, protocol: UDP, nodePort: 30000}]""")));
        var spec = c.service(new ObjectRef("demo", "s")).getSpec();
        assertThat(spec.getClusterIP()).isEqualTo("10.100.0.1");
        assertThat(spec.getClusterIPs()).containsExactly("10.100.0.1");
        assertThat(spec.getIpFamilies()).containsExactly("IPv4");
        assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
        assertThat(spec.getPorts()).extracting(p -> p.getProtocol() + " " + p.getTargetPort().getIntVal()
                + " " + p.getNodePort()).containsExactly("TCP 80 30001", "UDP 53 30000");
        assertThat(spec.getHealthCheckNodePort()).isEqualTo(30002);
    }

    @Test
    void keepsInvalidValuesForTheAgentToReject() {
        ClusterState c = new ClusterState(null);
        c.apply(service("clusterIP: 10.96.0.50\nports: [{port: 70000}, {port: 80, protocol: FOO}]"));
        assertThat(c.service(new ObjectRef("demo", "s")).getSpec().getPorts())
                .extracting(p -> p.getPort() + "/" + p.getProtocol()).containsExactly("70000/TCP", "80/FOO");
    }

    @Test
    void publishesTheSandboxNodeAndEveryNodePodsUse() {
        ClusterState c = new ClusterState("zone-q");
        c.applyAll(List.of(pod("a", "nodeName: n2"), pod("b", "nodeName: n3"),
                Serialization.unmarshal("""
                        apiVersion: v1
                        kind: Node
                        metadata: {name: n3, labels: {topology.kubernetes.io/zone: zone-z}}
                        """, Node.class)));
        var nodes = c.nodes();
        assertThat(nodes.keySet()).containsExactly("sandbox-node", "n2", "n3");
        Node self = nodes.get("sandbox-node");
        assertThat(self.getSpec().getPodCIDRs()).containsExactly("10.244.0.0/25");
        assertThat(NodeFactory.internalIp(self)).isEqualTo("192.168.77.2");
        assertThat(nodes.values()).extracting(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone"))
                .containsExactly("zone-q", "zone-q", "zone-z");
    }

    @Test
    void desiredObjectsIncludeImpliedNamespaces() {
        ClusterState c = new ClusterState(null);
        c.apply(pod("a", ""));
        assertThat(c.desiredObjects()).filteredOn(o -> o.getKind().equals("Namespace"))
                .extracting(HasMetadata::getMetadata).extracting(m -> m.getName())
                .containsExactly("default", "demo");
    }

    @Test
    void rejectsUnknownKindsAndBadAnnotations() {
        assertThatThrownBy(() -> new ClusterState(null).apply(Serialization.unmarshal(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", HasMetadata.class)))
                .hasMessageContaining("does not handle kind ConfigMap");
        Pod bad = pod("a", "");
        bad.getMetadata().setAnnotations(java.util.Map.of(PodConditions.READY, "maybe"));
        assertThatThrownBy(() -> new ClusterState(null).apply(bad)).hasMessageContaining("true or false");
    }
}
