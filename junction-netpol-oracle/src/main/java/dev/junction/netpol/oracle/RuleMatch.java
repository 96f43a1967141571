package dev.junction.netpol.oracle;

/**
 * The first rule of a policy that matches a flow, and the entries in it that matched.
 *
 * @param rule index in the policy's {@code ingress} or {@code egress} list
 * @param peer index in the rule's {@code from}/{@code to} list, or -1 when that list is empty (all peers)
 * @param peerText the matching peer as text ({@code podSelector app=web}), or {@code any source}/{@code any
 *     destination}
 * @param port index in the rule's {@code ports} list, or -1 when that list is empty (all ports)
 * @param portText the matching port entry as text ({@code port 80/TCP}), or {@code any port}
 */
public record RuleMatch(int rule, int peer, String peerText, int port, String portText) {

    /** {@code rule 0 (from: podSelector app=web; port 80/TCP)} for a rule of {@code direction}. */
    public String describe(Direction direction) {
        return "rule " + rule + " (" + direction.peersField() + ": " + peerText + "; " + portText + ")";
    }
}
