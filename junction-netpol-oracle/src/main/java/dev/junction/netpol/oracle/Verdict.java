package dev.junction.netpol.oracle;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's answer for one flow: allowed only if the source's egress and the destination's ingress both allow
 * it (concept page: "For a connection from a source pod to a destination pod to be allowed, both the egress policy
 * on the source pod and the ingress policy on the destination pod need to allow the connection").
 *
 * @param from the source asked about
 * @param to the destination asked about
 * @param port the destination port
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param sourceAddress the address the source uses, {@code null} when it has none
 * @param destinationAddress the address the destination uses, {@code null} when it has none
 * @param egress the judgement of the source's egress
 * @param ingress the judgement of the destination's ingress
 * @param ignoredPolicies invalid policies in the source's or destination's namespace, ignored
 */
public record Verdict(Peer from, Peer to, int port, String protocol, InetAddress sourceAddress,
                      InetAddress destinationAddress, DirectionVerdict egress, DirectionVerdict ingress,
                      List<InvalidPolicy> ignoredPolicies) {

    public Verdict {
        ignoredPolicies = List.copyOf(ignoredPolicies);
    }

    /** Whether the flow is allowed. */
    public boolean allowed() {
        return egress.allows() && ingress.allows();
    }

    /**
     * The explanation as lines: a summary ({@code ALLOW demo/client (10.0.0.1) -> demo/web (10.0.0.2) port
     * 80/TCP}), then egress and ingress, each a headline and one line per selecting policy, then ignored policies.
     */
    public List<String> explain() {
        List<String> lines = new ArrayList<>();
        lines.add((allowed() ? "ALLOW " : "DENY ") + end(from, sourceAddress) + " -> " + end(to, destinationAddress)
                + " port " + port + "/" + protocol);
        lines.addAll(egress.explain());
        lines.addAll(ingress.explain());
        ignoredPolicies.forEach(p -> lines.add("ignored invalid policy " + p));
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return String.join("\n", explain());
    }

    private static String end(Peer peer, InetAddress address) {
        return address == null || peer instanceof Peer.IpPeer ? peer.toString()
                : peer + " (" + Addresses.format(address) + ")";
    }
}
