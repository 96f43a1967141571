package dev.junction.kube;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;

/**
 * Valid fabric8 objects that tests mutate into the case under test. IP plan: service range 10.96.0.0/12
 * (cluster IP 10.96.0.10, fd00:96::10), pods 10.0.0.0/16, external IPs 192.0.2.0/24, node 172.16.0.0/24.
 */
final class TestObjects {
    private TestObjects() {}

    /** default/web: ClusterIP 10.96.0.10 with ports http 80/TCP and dns 53/UDP. */
    static Service service() {
        return service("default", "web");
    }

    static Service service(String namespace, String name) {
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("10.96.0.10")
                .withClusterIPs("10.96.0.10")
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort()
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .endSpec()
                .build();
    }

    /** default/web-abc for service web: IPv4, port http 8080/TCP, endpoints 10.0.0.1 (on n1) and 10.0.0.2. */
    static EndpointSlice slice() {
        return slice("default", "web-abc", "web");
    }

    static EndpointSlice slice(String namespace, String name, String service) {
        return new EndpointSliceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(EndpointSliceConverter.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("10.0.0.1").withNodeName("n1").withZone("z1")
                .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                .endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.2").endEndpoint()
                .build();
    }

    /** A node with InternalIP 172.16.0.5 and pod CIDR 10.0.5.0/24. */
    static Node node(String name) {
        return new NodeBuilder()
                .withNewMetadata().withName(name).addToLabels("topology.kubernetes.io/zone", "z1").endMetadata()
                .withNewSpec().withPodCIDR("10.0.5.0/24").withPodCIDRs("10.0.5.0/24").endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("172.16.0.5").endAddress().endStatus()
                .build();
    }
}
