package dev.junction.firewall.compile;

import dev.junction.model.Cidr;
import dev.junction.model.IpFamily;
import java.util.List;

/**
 * What the firewall compiler needs to know about the node, for one address family.
 *
 * @param podCidrs this node's pod CIDRs: an address in them that is no known pod is dropped, so a new pod is
 *     never reachable (and cannot send) before its rules are in place
 * @param logDrops log dropped packets to NFLOG group 100, rate limited (kube-router's behaviour)
 */
public record FirewallContext(IpFamily family, String nodeName, List<Cidr> podCidrs, boolean logDrops) {
    public FirewallContext {
        podCidrs = podCidrs.stream().filter(c -> c.family() == family).toList();
    }

    public String ip() {
        return family == IpFamily.V4 ? "ip" : "ip6";
    }

    public String addrType() {
        return family == IpFamily.V4 ? "ipv4_addr" : "ipv6_addr";
    }
}
