package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the API server would fill into a Service before anyone sees it: type, ClusterIP allocation from
 * 10.96.0.0/12, node ports (30000-32767), healthCheckNodePort for LoadBalancer + externalTrafficPolicy Local,
 * port protocol and targetPort, traffic policies, session affinity timeout, IP families. Values the scenario gives
 * are kept, including invalid ones (port 70000, protocol FOO): the agent must skip those itself.
 */
final class ServiceDefaults {

    /** Allocated ClusterIPs start here, well away from the fixed 10.96.0.x addresses scenarios use. */
    private static final int FIRST_ALLOCATED_IP = (10 << 24) | (100 << 16) | 1;
    private static final int FIRST_NODE_PORT = 30000;
    private static final int LAST_NODE_PORT = 32767;

    private final Set<String> clusterIps = new HashSet<>();
    private final Set<Integer> nodePorts = new HashSet<>();
    private int nextIp = FIRST_ALLOCATED_IP;
    private int nextNodePort = FIRST_NODE_PORT;

    /** Records the fixed ClusterIPs and node ports of a scenario's services before any are allocated. */
    void reserve(Service service) {
        var spec = service.getSpec();
        if (spec == null) {
            return;
        }
        if (spec.getClusterIP() != null) {
            clusterIps.add(spec.getClusterIP());
        }
        clusterIps.addAll(spec.getClusterIPs());
        for (ServicePort p : spec.getPorts()) {
            if (p.getNodePort() != null) {
                nodePorts.add(p.getNodePort());
            }
        }
        if (spec.getHealthCheckNodePort() != null) {
            nodePorts.add(spec.getHealthCheckNodePort());
        }
    }

    /**
     * A defaulted copy of {@code given}. {@code previous} (the same Service as last applied, or null) keeps
     * allocations stable when a Service is re-applied without its allocated values.
     */
    Service apply(Service given, Service previous) {
        Service s = Serialization.clone(given);
        reserve(s);
        var spec = s.getSpec();
        var before = previous == null ? null : previous.getSpec();
        if (spec.getType() == null) {
            spec.setType("ClusterIP");
        }
        String type = spec.getType();
        if ("ExternalName".equals(type)) {
            return s;
        }
        if (spec.getClusterIP() == null || spec.getClusterIP().isEmpty()) {
            spec.setClusterIP(before != null && before.getClusterIP() != null ? before.getClusterIP() : allocateIp());
        }
        if (spec.getClusterIPs().isEmpty()) {
            spec.setClusterIPs(List.of(spec.getClusterIP()));
        }
        if (spec.getIpFamilies().isEmpty()) {
            spec.setIpFamilies(List.of("IPv4"));
        }
        if (spec.getIpFamilyPolicy() == null) {
            spec.setIpFamilyPolicy("SingleStack");
        }
        if (spec.getSessionAffinity() == null) {
            spec.setSessionAffinity("None");
        }
        if ("ClientIP".equals(spec.getSessionAffinity()) && spec.getSessionAffinityConfig() == null) {
            spec.setSessionAffinityConfig(new SessionAffinityConfigBuilder().withNewClientIP()
                    .withTimeoutSeconds(10800).endClientIP().build());
        }
        if (spec.getInternalTrafficPolicy() == null) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        boolean external = "NodePort".equals(type) || "LoadBalancer".equals(type);
        if (external && spec.getExternalTrafficPolicy() == null) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        boolean wantNodePorts = "NodePort".equals(type)
                || ("LoadBalancer".equals(type) && !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts()));
        for (int i = 0; i < spec.getPorts().size(); i++) {
            ServicePort p = spec.getPorts().get(i);
            if (p.getProtocol() == null) {
                p.setProtocol("TCP");
            }
            if (p.getTargetPort() == null
                    || (p.getTargetPort().getIntVal() == null && p.getTargetPort().getStrVal() == null)) {
                p.setTargetPort(new IntOrString(p.getPort()));
            }
            if (wantNodePorts && p.getNodePort() == null) {
                Integer old = before != null && before.getPorts().size() > i
                        ? before.getPorts().get(i).getNodePort() : null;
                p.setNodePort(old != null ? old : allocateNodePort());
            }
        }
        if ("LoadBalancer".equals(type) && "Local".equals(spec.getExternalTrafficPolicy())
                && spec.getHealthCheckNodePort() == null) {
            Integer old = before == null ? null : before.getHealthCheckNodePort();
            spec.setHealthCheckNodePort(old != null ? old : allocateNodePort());
        }
        return s;
    }

    private String allocateIp() {
        while (true) {
            int ip = nextIp++;
            String text = ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
            if ((ip & 255) != 0 && (ip & 255) != 255 && clusterIps.add(text)) {
                return text;
            }
        }
    }

    private int allocateNodePort() {
        while (nextNodePort <= LAST_NODE_PORT) {
            int port = nextNodePort++;
            if (nodePorts.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("node port range 30000-32767 exhausted");
    }
}
