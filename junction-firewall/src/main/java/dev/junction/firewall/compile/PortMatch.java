package dev.junction.firewall.compile;

import dev.junction.model.Protocol;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyPort;
import java.util.ArrayList;
import java.util.List;

/**
 * The port part of a rule as nft matches it: {@code tcp dport 80}, {@code tcp dport 80-90}, or
 * {@code meta l4proto tcp} (every port of the protocol).
 */
record PortMatch(Protocol protocol, int from, int to) {
    static final List<PortMatch> ANY = List.of(new PortMatch(null, 0, 0));

    String nft() {
        if (protocol == null) {
            return "";
        }
        String p = protocol.nftName();
        if (from == 0) {
            return "meta l4proto " + p;
        }
        return p + " dport " + (to > from ? from + "-" + to : Integer.toString(from));
    }

    /**
     * The matches of a rule's ports for traffic to {@code dest}: named ports resolve against that pod's
     * containerPorts (a name it does not declare matches nothing); an empty list matches every port.
     *
     * @return the matches; empty means the rule matches no port of this pod
     */
    static List<PortMatch> resolve(List<PolicyPort> ports, PodInfo dest) {
        if (ports.isEmpty()) {
            return ANY;
        }
        List<PortMatch> out = new ArrayList<>();
        for (PolicyPort p : ports) {
            if (p.name() != null) {
                for (PodInfo.NamedPort np : dest.ports()) {
                    if (p.name().equals(np.name()) && np.protocol() == p.protocol()) {
                        out.add(new PortMatch(p.protocol(), np.port(), np.port()));
                    }
                }
            } else {
                out.add(new PortMatch(p.protocol(), p.port(), p.endPort() > p.port() ? p.endPort() : p.port()));
            }
        }
        return out.stream().distinct().toList();
    }
}
