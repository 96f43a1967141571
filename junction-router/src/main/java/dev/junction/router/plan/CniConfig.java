package dev.junction.router.plan;

import dev.junction.model.Cidr;
import java.util.List;

/**
 * The CNI configuration kube-router writes to {@code /etc/cni/net.d/10-kuberouter.conflist}: the bridge plugin on
 * the node's bridge with host-local IPAM over the node's pod CIDRs, then portmap for hostPort. kube-router edits an
 * existing file in place; Junction writes the whole file, with fixed key order and indentation, so an unchanged
 * plan gives an identical file and the controller can skip the write.
 */
public final class CniConfig {
    public static final String FILE = "/etc/cni/net.d/10-kuberouter.conflist";
    public static final String DEFAULT_BRIDGE = "kube-bridge";
    /** VXLAN over IPv4: outer IPv4 20 + UDP 8 + VXLAN 8 + inner Ethernet 14 (RFC 7348 §5). */
    public static final int VXLAN_OVERHEAD_IPV4 = 50;
    /** The same with an outer IPv6 header of 40. */
    public static final int VXLAN_OVERHEAD_IPV6 = 70;

    private CniConfig() {}

    /**
     * @param podCidrs one host-local range set each, in order (dual-stack: one IPv4, one IPv6)
     * @param mtu      the pod interfaces' MTU, see {@link #mtuFor}
     * @param bridge   the Linux bridge name (1..15 characters, no '/', ':' or whitespace)
     */
    public static String render(List<Cidr> podCidrs, int mtu, String bridge) {
        if (podCidrs.isEmpty()) throw new IllegalArgumentException("no pod CIDR: host-local IPAM needs a range");
        if (mtu < 576 || mtu > 65535) throw new IllegalArgumentException("MTU " + mtu + " is outside 576..65535");
        if (bridge.isEmpty() || bridge.length() > 15 || bridge.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ':' || c == '"' || c == '\\' || c > '~')) {
            throw new IllegalArgumentException("\"" + bridge + "\" is not a Linux interface name");
        }
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < podCidrs.size(); i++) {
            ranges.append("          [{\"subnet\": \"").append(podCidrs.get(i)).append("\"}]")
                    .append(i + 1 < podCidrs.size() ? ",\n" : "\n");
        }
        return """
                {
                  "cniVersion": "0.3.0",
                  "name": "mynet",
                  "plugins": [
                    {
                      "name": "kubernetes",
                      "type": "bridge",
                      "bridge": "%s",
                      "isDefaultGateway": true,
                      "hairpinMode": true,
                      "mtu": %d,
                      "ipam": {
                        "type": "host-local",
                        "ranges": [
                %s        ]
                      }
                    },
                    {
                      "type": "portmap",
                      "capabilities": {
                        "snat": true,
                        "portMappings": true
                      }
                    }
                  ]
                }
                """.formatted(bridge, mtu, ranges);
    }

    /**
     * The pod MTU on a link of {@code linkMtu}: with an overlay every pod packet may be encapsulated, so it must
     * leave room for the VXLAN headers even when most traffic stays in the subnet.
     */
    public static int mtuFor(int linkMtu, OverlayMode mode, boolean ipv6Underlay) {
        if (mode == OverlayMode.NONE) return linkMtu;
        return linkMtu - (ipv6Underlay ? VXLAN_OVERHEAD_IPV6 : VXLAN_OVERHEAD_IPV4);
    }
}
