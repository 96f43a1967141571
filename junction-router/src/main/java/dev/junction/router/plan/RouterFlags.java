package dev.junction.router.plan;

import dev.junction.bgp.speaker.GracefulRestartConfig;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The router's command-line settings (kube-router §2.4 names in brackets). Build with {@link #builder()};
 * {@link #defaults()} are kube-router's defaults except graceful restart, which Junction turns on so that a
 * restarting agent does not blackhole pod traffic (peers keep its routes for the restart time).
 *
 * @param clusterAsn              the nodes' AS [--cluster-asn, 64512]; should be private, see {@link Asn}
 * @param nodesFullMesh           every node peers with every node [--nodes-full-mesh]; false: only within a node.asn, or via route reflectors
 * @param enableIbgp              peer with other nodes at all [--enable-ibgp]
 * @param globalPeers             external peers every node has [--peer-router-ips, -asns, -ports, -passwords, -multihop-ttl]
 * @param bgpPort                 our listen port and the node peers' port [--bgp-port, 179]
 * @param holdTime                proposed Hold Time [--bgp-holdtime, 90 s]; 3 s..65535 s (the field is 16 bits)
 * @param advertisePodCidr        announce our pod CIDRs to external peers [--advertise-pod-cidr]
 * @param advertiseClusterIp      announce ClusterIPs to external peers [--advertise-cluster-ip]; the controller applies
 *                                this and the next two when it builds {@code serviceVips} for {@link PeeringPlan}
 * @param advertiseExternalIp     announce externalIPs [--advertise-external-ip]
 * @param advertiseLoadBalancerIp announce LoadBalancer ingress IPs [--advertise-loadbalancer-ip]
 * @param gracefulRestart         RFC 4724 on all peers [--bgp-graceful-restart]
 * @param gracefulRestartTime     the Restart Time we advertise, ≤ 4095 s [--bgp-graceful-restart-time]
 * @param gracefulRestartDeferral how long a restart waits for End-of-RIB before selecting [--bgp-graceful-restart-deferral-time]
 * @param overlay                 when to encapsulate [--enable-overlay, --overlay-type]
 * @param routerId                BGP identifier override [--router-id]; empty = the node's IPv4 address
 */
public record RouterFlags(long clusterAsn, boolean nodesFullMesh, boolean enableIbgp, List<ExternalPeer> globalPeers,
                          int bgpPort, Duration holdTime, boolean advertisePodCidr, boolean advertiseClusterIp,
                          boolean advertiseExternalIp, boolean advertiseLoadBalancerIp, boolean gracefulRestart,
                          Duration gracefulRestartTime, Duration gracefulRestartDeferral, OverlayMode overlay,
                          Optional<Inet4Address> routerId) {
    public static final long DEFAULT_CLUSTER_ASN = 64512;

    public RouterFlags {
        Asn.problem(clusterAsn).ifPresent(p -> {
            throw new IllegalArgumentException("cluster ASN: " + p);
        });
        globalPeers = List.copyOf(globalPeers);
        if (bgpPort < 1 || bgpPort > 65535) throw new IllegalArgumentException("BGP port " + bgpPort);
        if (holdTime.compareTo(Duration.ofSeconds(3)) < 0 || holdTime.compareTo(Duration.ofSeconds(65535)) > 0) {
            throw new IllegalArgumentException("hold time " + holdTime + " is outside 3 s..65535 s (RFC 4271 §4.2)");
        }
        if (gracefulRestartTime.isNegative() || gracefulRestartTime.compareTo(Duration.ofSeconds(4095)) > 0) {
            throw new IllegalArgumentException("graceful restart time " + gracefulRestartTime + " is outside 0..4095 s (RFC 4724 §3)");
        }
        if (gracefulRestartDeferral.isNegative() || gracefulRestartDeferral.compareTo(Duration.ofHours(18)) > 0) {
            throw new IllegalArgumentException("graceful restart deferral " + gracefulRestartDeferral + " is outside 0..18 h");
        }
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(routerId, "routerId");
    }

    public static RouterFlags defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().clusterAsn(clusterAsn).nodesFullMesh(nodesFullMesh).enableIbgp(enableIbgp).globalPeers(globalPeers)
                .bgpPort(bgpPort).holdTime(holdTime).advertisePodCidr(advertisePodCidr).advertiseClusterIp(advertiseClusterIp)
                .advertiseExternalIp(advertiseExternalIp).advertiseLoadBalancerIp(advertiseLoadBalancerIp)
                .gracefulRestart(gracefulRestart).gracefulRestartTime(gracefulRestartTime)
                .gracefulRestartDeferral(gracefulRestartDeferral).overlay(overlay).routerId(routerId.orElse(null));
    }

    /**
     * The speaker's graceful-restart settings. Stale routes of a restarted peer are kept at most as long as we would
     * defer our own selection: both bound how long a peer's restart may take.
     */
    public GracefulRestartConfig gracefulRestartConfig() {
        if (!gracefulRestart) return GracefulRestartConfig.DISABLED;
        return new GracefulRestartConfig(true, (int) gracefulRestartTime.toSeconds(), gracefulRestartDeferral, false, true,
                gracefulRestartDeferral);
    }

    /** Mutable settings for {@link RouterFlags}, starting from the defaults. */
    public static final class Builder {
        private long clusterAsn = DEFAULT_CLUSTER_ASN;
        private boolean nodesFullMesh = true;
        private boolean enableIbgp = true;
        private List<ExternalPeer> globalPeers = List.of();
        private int bgpPort = 179;
        private Duration holdTime = Duration.ofSeconds(90);
        private boolean advertisePodCidr = true;
        private boolean advertiseClusterIp;
        private boolean advertiseExternalIp;
        private boolean advertiseLoadBalancerIp;
        private boolean gracefulRestart = true;
        private Duration gracefulRestartTime = Duration.ofSeconds(120);
        private Duration gracefulRestartDeferral = Duration.ofSeconds(360);
        private OverlayMode overlay = OverlayMode.SUBNET;
        private Inet4Address routerId;

        private Builder() {}

        public Builder clusterAsn(long v) { clusterAsn = v; return this; }
        public Builder nodesFullMesh(boolean v) { nodesFullMesh = v; return this; }
        public Builder enableIbgp(boolean v) { enableIbgp = v; return this; }
        public Builder globalPeers(List<ExternalPeer> v) { globalPeers = v; return this; }
        public Builder bgpPort(int v) { bgpPort = v; return this; }
        public Builder holdTime(Duration v) { holdTime = v; return this; }
        public Builder advertisePodCidr(boolean v) { advertisePodCidr = v; return this; }
        public Builder advertiseClusterIp(boolean v) { advertiseClusterIp = v; return this; }
        public Builder advertiseExternalIp(boolean v) { advertiseExternalIp = v; return this; }
        public Builder advertiseLoadBalancerIp(boolean v) { advertiseLoadBalancerIp = v; return this; }
        public Builder gracefulRestart(boolean v) { gracefulRestart = v; return this; }
        public Builder gracefulRestartTime(Duration v) { gracefulRestartTime = v; return this; }
        public Builder gracefulRestartDeferral(Duration v) { gracefulRestartDeferral = v; return this; }
        public Builder overlay(OverlayMode v) { overlay = v; return this; }
        /** null = derive from the node's IPv4 address. */
        public Builder routerId(Inet4Address v) { routerId = v; return this; }

        public RouterFlags build() {
            return new RouterFlags(clusterAsn, nodesFullMesh, enableIbgp, globalPeers, bgpPort, holdTime, advertisePodCidr,
                    advertiseClusterIp, advertiseExternalIp, advertiseLoadBalancerIp, gracefulRestart, gracefulRestartTime,
                    gracefulRestartDeferral, overlay, Optional.ofNullable(routerId));
        }
    }
}
