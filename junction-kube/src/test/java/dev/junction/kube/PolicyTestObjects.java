package dev.junction.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

/**
 * Valid fabric8 objects for the firewall that tests mutate into the case under test. IP plan: pods 10.0.0.0/16
 * (fd00:10::/64 for IPv6), an external block 192.0.2.0/24.
 */
final class PolicyTestObjects {
    private PolicyTestObjects() {}

    /** default/web on node n1, Running, IP 10.0.0.1, label app=web, named port http 8080/TCP. */
    static Pod pod() {
        return pod("default", "web", "10.0.0.1");
    }

    static Pod pod(String namespace, String name, String ip) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withNodeName("n1")
                .addNewContainer().withName("main").withImage("web")
                .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                .addNewPort().withContainerPort(9090).endPort()
                .endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP().endStatus()
                .build();
    }

    /** Namespace prod with label env=prod. */
    static Namespace namespace() {
        return namespace("prod");
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).addToLabels("env", name).endMetadata().build();
    }

    /**
     * default/allow-web: selects app=web; ingress[0] from pods app=client (from[0]), from every pod of namespaces
     * env=prod (from[1]) and from 192.0.2.0/24 except 192.0.2.128/25 (from[2]), on port 8080/TCP and the named port
     * http (ports[0], ports[1]); no policyTypes.
     */
    static NetworkPolicy policy() {
        return policy("default", "allow-web");
    }

    static NetworkPolicy policy(String namespace, String name) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels("app", "web").endPodSelector()
                .addNewIngress()
                .addNewFrom().withNewPodSelector().addToMatchLabels("app", "client").endPodSelector().endFrom()
                .addNewFrom().withNewNamespaceSelector().addToMatchLabels("env", "prod").endNamespaceSelector().endFrom()
                .addNewFrom().withNewIpBlock().withCidr("192.0.2.0/24").withExcept("192.0.2.128/25").endIpBlock().endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(8080)).endPort()
                .addNewPort().withPort(new IntOrString("http")).endPort()
                .endIngress()
                .endSpec()
                .build();
    }
}
