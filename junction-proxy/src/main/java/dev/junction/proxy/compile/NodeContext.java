package dev.junction.proxy.compile;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import java.util.List;

/**
 * What the compiler needs to know about the node and the agent's settings, for one address family.
 *
 * @param nodePortIps the addresses NodePorts answer on (the node's primary address, or the local addresses
 *     matching {@code --nodeport-addresses})
 * @param serviceCidrs {@code --service-cluster-ip-range} of this family: traffic to an unallocated address in
 *     them is dropped
 * @param clusterCidrs {@code --cluster-cidr} of this family: sources outside them are masqueraded when they
 *     reach a ClusterIP; empty means "cannot tell local traffic", and then only {@code masqueradeAll} masquerades
 * @param masqueradeAll masquerade all traffic sent to a ClusterIP
 */
public record NodeContext(
        IpFamily family,
        String nodeName,
        String zone,
        List<Ip> nodePortIps,
        List<Cidr> serviceCidrs,
        List<Cidr> clusterCidrs,
        boolean masqueradeAll) {

    public NodeContext {
        nodePortIps = nodePortIps.stream().filter(ip -> ip.family() == family).sorted().distinct().toList();
        serviceCidrs = serviceCidrs.stream().filter(c -> c.family() == family).toList();
        clusterCidrs = clusterCidrs.stream().filter(c -> c.family() == family).toList();
    }

    /** {@code ip} or {@code ip6}: the keyword for address matches in this family. */
    public String ipKeyword() {
        return family == IpFamily.V4 ? "ip" : "ip6";
    }

    /** The nft type of an address of this family. */
    public String addrType() {
        return family == IpFamily.V4 ? "ipv4_addr" : "ipv6_addr";
    }
}
