package dev.junction.model;

import java.util.List;

/**
 * A Service as the proxy sees it: validated, and normalised once (addresses parsed, defaults applied). Only
 * services that the proxy should program are turned into one (no headless, ExternalName, or other-proxy
 * services).
 *
 * @param clusterIps every entry of spec.clusterIPs
 * @param externalIps spec.externalIPs that passed the allowed-range check
 * @param loadBalancerIps status.loadBalancer.ingress IPs, except those with ipMode Proxy
 * @param loadBalancerSourceRanges spec.loadBalancerSourceRanges; empty means every source
 * @param affinityTimeoutSeconds ClientIP session affinity timeout, or 0 without affinity
 * @param externalPolicyLocal externalTrafficPolicy Local (only meaningful for externally reachable services)
 * @param internalPolicyLocal internalTrafficPolicy Local
 * @param healthCheckNodePort spec.healthCheckNodePort, or 0
 * @param topology which topology preference the endpoints' hints express, if any
 */
public record Service(
        ServiceKey key,
        List<ServicePort> ports,
        List<Ip> clusterIps,
        List<Ip> externalIps,
        List<Ip> loadBalancerIps,
        List<Cidr> loadBalancerSourceRanges,
        int affinityTimeoutSeconds,
        boolean externalPolicyLocal,
        boolean internalPolicyLocal,
        int healthCheckNodePort,
        Topology topology,
        Advertise advertise) {

    /**
     * The per-service BGP advertisement overrides (kube-router's {@code kube-router.io/service.advertise.clusterip},
     * {@code .externalip}, {@code .loadbalancerip} annotations); empty means the router's flag decides.
     */
    public record Advertise(java.util.Optional<Boolean> clusterIp, java.util.Optional<Boolean> externalIp,
                            java.util.Optional<Boolean> loadBalancerIp) {
        public static final Advertise FLAGS = new Advertise(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    }

    /** A service whose advertisement follows the router's flags. */
    public Service(ServiceKey key, List<ServicePort> ports, List<Ip> clusterIps, List<Ip> externalIps, List<Ip> loadBalancerIps,
                   List<Cidr> loadBalancerSourceRanges, int affinityTimeoutSeconds, boolean externalPolicyLocal,
                   boolean internalPolicyLocal, int healthCheckNodePort, Topology topology) {
        this(key, ports, clusterIps, externalIps, loadBalancerIps, loadBalancerSourceRanges, affinityTimeoutSeconds,
                externalPolicyLocal, internalPolicyLocal, healthCheckNodePort, topology, Advertise.FLAGS);
    }

    /** How topology hints on the service's endpoints are to be used. */
    public enum Topology {
        /** Ignore hints: every cluster endpoint is used. */
        NONE,
        /** Prefer endpoints whose zone hints name this node's zone (PreferClose, PreferSameZone, topology-mode Auto). */
        SAME_ZONE,
        /** Prefer endpoints whose node hints name this node (PreferSameNode), falling back to the zone. */
        SAME_NODE
    }

    public Service {
        ports = List.copyOf(ports);
        clusterIps = List.copyOf(clusterIps);
        externalIps = List.copyOf(externalIps);
        loadBalancerIps = List.copyOf(loadBalancerIps);
        loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
        advertise = advertise == null ? Advertise.FLAGS : advertise;
    }

    /**
     * A service is externally accessible if it has a node port, an external IP or a load-balancer IP; only
     * then does the external traffic policy apply.
     */
    public boolean externallyAccessible() {
        return !externalIps.isEmpty() || !loadBalancerIps.isEmpty()
                || ports.stream().anyMatch(p -> p.nodePort() != 0);
    }
}
