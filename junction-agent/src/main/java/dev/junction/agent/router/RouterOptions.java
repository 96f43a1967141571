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
import java.util.Base64;
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

    @Option(names = "--router-id", description = "BGP identifier; default this node's IPv4 address.")
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

    /** The flags as the planner takes them; a bad value is an {@link IllegalArgumentException} naming its flag. */
    public RouterFlags flags() {
        OverlayMode overlay = !enableOverlay ? OverlayMode.NONE : switch (overlayType) {
            case "subnet" -> OverlayMode.SUBNET;
            case "full" -> OverlayMode.FULL;
            default -> throw new IllegalArgumentException("--overlay-type: subnet or full, not " + overlayType);
        };
        return RouterFlags.builder().clusterAsn(clusterAsn).nodesFullMesh(nodesFullMesh).enableIbgp(enableIbgp)
                .globalPeers(globalPeers()).bgpPort(bgpPort).holdTime(Durations.parse("--bgp-holdtime", holdTime))
                .advertisePodCidr(advertisePodCidr).advertiseClusterIp(advertiseClusterIp).advertiseExternalIp(advertiseExternalIp)
                .advertiseLoadBalancerIp(advertiseLoadBalancerIp).gracefulRestart(gracefulRestart)
                .gracefulRestartTime(Durations.parse("--bgp-graceful-restart-time", gracefulRestartTime))
                .gracefulRestartDeferral(Durations.parse("--bgp-graceful-restart-deferral-time", gracefulRestartDeferral))
                .overlay(overlay).routerId(routerId == null || routerId.isBlank() ? null : Inet4Address.ofLiteral(routerId)).build();
    }

    public Duration reconcilePeriod() {
        return Durations.parse("--injected-routes-sync-period", injectedRoutesSyncPeriod);
    }

    /** The external peers of the --peer-router-* lists, matched by position as kube-router does. */
    List<ExternalPeer> globalPeers() {
        List<String> passwords = passwords();
        if (!peerRouterAsns.isEmpty() && peerRouterAsns.size() != peerRouterIps.size()) {
            throw new IllegalArgumentException("--peer-router-asns: " + peerRouterAsns.size() + " ASNs for " + peerRouterIps.size() + " --peer-router-ips");
        }
        if (!passwords.isEmpty() && passwords.size() != peerRouterIps.size()) {
            throw new IllegalArgumentException("--peer-router-passwords: " + passwords.size() + " passwords for " + peerRouterIps.size() + " peers");
        }
        if (!peerRouterPorts.isEmpty() && peerRouterPorts.size() != peerRouterIps.size()) {
            throw new IllegalArgumentException("--peer-router-ports: " + peerRouterPorts.size() + " ports for " + peerRouterIps.size() + " peers");
        }
        List<ExternalPeer> out = new ArrayList<>();
        for (int i = 0; i < peerRouterIps.size(); i++) {
            InetAddress address;
            try {
                address = InetAddress.ofLiteral(peerRouterIps.get(i).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--peer-router-ips: not an IP address: " + peerRouterIps.get(i));
            }
            if (peerRouterAsns.isEmpty()) throw new IllegalArgumentException("--peer-router-asns is needed with --peer-router-ips");
            Optional<String> password = passwords.isEmpty() || passwords.get(i).isBlank() ? Optional.empty() : Optional.of(passwords.get(i));
            out.add(new ExternalPeer(address, peerRouterAsns.get(i), peerRouterPorts.isEmpty() ? 179 : peerRouterPorts.get(i), password,
                    peerRouterMultihopTtl, Optional.empty()));
        }
        return out;
    }

    /** Decoded passwords; the error never repeats a password's text. */
    private List<String> passwords() {
        List<String> encoded = peerRouterPasswords;
        if (peerRouterPasswordsFile != null) {
            try {
                encoded = List.of(Files.readString(peerRouterPasswordsFile, StandardCharsets.UTF_8).strip().split(","));
            } catch (IOException e) {
                throw new IllegalArgumentException("--peer-router-passwords-file: cannot read " + peerRouterPasswordsFile + ": " + e.getMessage());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            String e = encoded.get(i).trim();
            if (e.isEmpty()) {
                out.add("");
                continue;
            }
            try {
                out.add(new String(Base64.getDecoder().decode(e), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("--peer-router-passwords: password " + (i + 1) + " is not valid base64");
            }
        }
        return out;
    }
}
