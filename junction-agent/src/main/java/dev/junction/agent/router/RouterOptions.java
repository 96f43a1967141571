package dev.junction.agent.router;

import dev.junction.agent.Durations;
import dev.junction.router.plan.ExternalPeer;
import dev.junction.router.plan.OverlayMode;
import dev.junction.router.plan.RouterFlags;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The router's flags, named as kube-router names them (reference: kube-router.md §2.4). A picocli mixin of {@code agent}. */
public final class RouterOptions {
    @Option(names = "--cluster-asn", defaultValue = "64512", description = "AS of the nodes' iBGP mesh. Default: ${DEFAULT-VALUE}.")
    long clusterAsn;

    @Option(names = "--nodes-full-mesh", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Every node peers with every node; false: within a kube-router.io/node.asn, or through route reflectors. Default: ${DEFAULT-VALUE}.")
    boolean nodesFullMesh;

    @Option(names = "--enable-ibgp", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Peer with the other nodes. Default: ${DEFAULT-VALUE}.")
    boolean enableIbgp;

    @Option(names = "--peer-router-ips", split = ",", description = "External BGP peers every node peers with.")
    List<String> peerRouterIps = new ArrayList<>();

    @Option(names = "--peer-router-asns", split = ",", description = "Their ASNs, in the same order.")
    List<Long> peerRouterAsns = new ArrayList<>();

    @Option(names = "--peer-router-ports", split = ",", description = "Their ports (default 179).")
    List<Integer> peerRouterPorts = new ArrayList<>();

    @Option(names = "--peer-router-passwords", split = ",", description = "Base64 TCP-MD5 passwords, in the same order (empty: none).")
    List<String> peerRouterPasswords = new ArrayList<>();

    @Option(names = "--peer-router-passwords-file", description = "A file with the base64 passwords, comma-separated (wins over --peer-router-passwords).")
    Path peerRouterPasswordsFile;

    @Option(names = "--peer-router-multihop-ttl", defaultValue = "0", description = "eBGP multihop TTL to the external peers (used when >= 2).")
    int peerRouterMultihopTtl;

    @Option(names = "--bgp-port", defaultValue = "179", description = "BGP listen port and the node peers' port. Default: ${DEFAULT-VALUE}.")
    int bgpPort;

    @Option(names = "--bgp-holdtime", defaultValue = "90s", description = "Hold Time proposed to peers. Default: ${DEFAULT-VALUE}.")
    String holdTime;

    @Option(names = "--router-id", description = "BGP identifier; default this node's IPv4 address, on an IPv6-only node a hash of its address ('generate' means this default).")
    String routerId;

    @Option(names = "--advertise-pod-cidr", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Announce this node's pod CIDRs to external peers (always to the other nodes). Default: ${DEFAULT-VALUE}.")
    boolean advertisePodCidr;

    @Option(names = "--advertise-cluster-ip", description = "Announce ClusterIPs (/32, /128) to external peers.")
    boolean advertiseClusterIp;

    @Option(names = "--advertise-external-ip", description = "Announce externalIPs to external peers.")
    boolean advertiseExternalIp;

    @Option(names = "--advertise-loadbalancer-ip", description = "Announce load-balancer ingress IPs to external peers.")
    boolean advertiseLoadBalancerIp;

    @Option(names = "--bgp-graceful-restart", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Graceful restart (RFC 4724) with every peer: a restarting agent keeps its routes at the peers and in the kernel. Default: ${DEFAULT-VALUE}.")
    boolean gracefulRestart;

    @Option(names = "--bgp-graceful-restart-time", defaultValue = "120s", description = "Restart Time we advertise (at most 4095s). Default: ${DEFAULT-VALUE}.")
    String gracefulRestartTime;

    @Option(names = "--bgp-graceful-restart-deferral-time", defaultValue = "360s",
            description = "How long a restart waits for peers' End-of-RIB. Default: ${DEFAULT-VALUE}.")
    String gracefulRestartDeferral;

    @Option(names = "--enable-overlay", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Reach nodes in other subnets through VXLAN. Default: ${DEFAULT-VALUE}.")
    boolean enableOverlay;

    @Option(names = "--overlay-type", defaultValue = "subnet",
            description = "subnet: tunnel only to nodes in another subnet; full: tunnel to every node. Default: ${DEFAULT-VALUE}.")
    String overlayType;

    @Option(names = "--overlay-vni", defaultValue = "4096", description = "VXLAN network identifier of the overlay. Default: ${DEFAULT-VALUE}.")
    int overlayVni;

    @Option(names = "--overlay-port", defaultValue = "4789", description = "VXLAN UDP port. Default: ${DEFAULT-VALUE}.")
    int overlayPort;

    @Option(names = "--enable-cni", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Write the CNI file for the bridge and host-local plugins with this node's pod CIDRs and create the bridge. Off by default, unlike kube-router: Junction may run beside another CNI. Default: ${DEFAULT-VALUE}.")
    boolean enableCni;

    @Option(names = "--cni-conf-file", defaultValue = "/etc/cni/net.d/10-kuberouter.conflist",
            description = "Where --enable-cni writes the CNI file (kube-router's name). Default: ${DEFAULT-VALUE}.")
    java.nio.file.Path cniConfFile;

    @Option(names = "--enable-pod-egress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Masquerade pod traffic leaving the cluster (table ip junction-router). Default: ${DEFAULT-VALUE}.")
    boolean enablePodEgress;

    @Option(names = "--injected-routes-sync-period", defaultValue = "15s",
            description = "How often the kernel's routes are compared with the learned ones and repaired. Default: ${DEFAULT-VALUE}.")
    String injectedRoutesSyncPeriod;

    @Option(names = "--bgp-admin-address", defaultValue = "127.0.0.1:50052",
            description = "The speaker's admin endpoint (junction bgp neighbors|rib|explain); loopback only; empty disables. Default: ${DEFAULT-VALUE}.")
    String bgpAdminAddress;

    /**
     * The flags as the planner takes them. A malformed external peer (a bad address, a missing ASN, a password that is
     * not base64) is left out alone and described in {@code problems}; a bad value of any other flag is an
     * {@link IllegalArgumentException} naming it (the agent does not start on it).
     */
    public RouterFlags flags(List<String> problems) {
        OverlayMode overlay = !enableOverlay ? OverlayMode.NONE : switch (overlayType) {
            case "subnet" -> OverlayMode.SUBNET;
            case "full" -> OverlayMode.FULL;
            default -> throw new IllegalArgumentException("--overlay-type: subnet or full, not " + overlayType);
        };
        return RouterFlags.builder().clusterAsn(clusterAsn).nodesFullMesh(nodesFullMesh).enableIbgp(enableIbgp)
                .globalPeers(globalPeers(problems)).bgpPort(bgpPort).holdTime(Durations.parse("--bgp-holdtime", holdTime))
                .advertisePodCidr(advertisePodCidr).advertiseClusterIp(advertiseClusterIp).advertiseExternalIp(advertiseExternalIp)
                .advertiseLoadBalancerIp(advertiseLoadBalancerIp).gracefulRestart(gracefulRestart)
                .gracefulRestartTime(Durations.parse("--bgp-graceful-restart-time", gracefulRestartTime))
                .gracefulRestartDeferral(Durations.parse("--bgp-graceful-restart-deferral-time", gracefulRestartDeferral))
                .overlay(overlay).routerId(routerId == null || routerId.isBlank() || routerId.equals("generate") ? null : routerIdFlag()).build();
    }

    private Inet4Address routerIdFlag() {
        try {
            return Inet4Address.ofLiteral(routerId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--router-id: an IPv4 address or 'generate', not " + routerId);
        }
    }

    public Duration reconcilePeriod() {
        return Durations.parse("--injected-routes-sync-period", injectedRoutesSyncPeriod);
    }

    /** The external peers of the --peer-router-* lists, matched by position as kube-router does; bad ones left out. */
    List<ExternalPeer> globalPeers(List<String> problems) {
        List<String> passwords = passwords(problems);
        List<ExternalPeer> out = new ArrayList<>();
        for (int i = 0; i < peerRouterIps.size(); i++) {
            String where = "--peer-router-ips entry " + (i + 1) + " (" + peerRouterIps.get(i).trim() + ")";
            InetAddress address;
            try {
                address = InetAddress.ofLiteral(peerRouterIps.get(i).trim());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": not an IP address; this peer is left out");
                continue;
            }
            if (i >= peerRouterAsns.size()) {
                problems.add(where + ": no ASN at this position of --peer-router-asns; this peer is left out");
                continue;
            }
            String password = i < passwords.size() ? passwords.get(i) : "";
            if (password == null) {
                problems.add(where + ": its --peer-router-passwords entry is not valid base64; this peer is left out");
                continue;
            }
            int port = i < peerRouterPorts.size() ? peerRouterPorts.get(i) : 179;
            try {
                out.add(new ExternalPeer(address, peerRouterAsns.get(i), port, password.isEmpty() ? Optional.empty() : Optional.of(password),
                        peerRouterMultihopTtl, Optional.empty()));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage() + "; this peer is left out");
            }
        }
        if (peerRouterAsns.size() > peerRouterIps.size()) problems.add("--peer-router-asns has more entries than --peer-router-ips; the extra ones are ignored");
        return out;
    }

    /** Decoded passwords by position; null where an entry is not base64 (never echoed: it is a secret). */
    private List<String> passwords(List<String> problems) {
        List<String> encoded = peerRouterPasswords;
        if (peerRouterPasswordsFile != null) {
            try {
                encoded = List.of(Files.readString(peerRouterPasswordsFile, StandardCharsets.UTF_8).strip().split(","));
            } catch (IOException e) {
                problems.add("--peer-router-passwords-file: cannot read " + peerRouterPasswordsFile + ": " + e.getMessage()
                        + "; peers with passwords are left out");
                List<String> none = new ArrayList<>();
                for (int i = 0; i < peerRouterIps.size(); i++) none.add(null);
                return none;
            }
        }
        List<String> out = new ArrayList<>();
        for (String e : encoded) {
            // The same decoding as the kube-router.io/peers annotation's passwords (a trailing echo newline dropped).
            out.add(e.isBlank() ? "" : ExternalPeer.decodePassword(e).orElse(null));
        }
        return out;
    }
}
