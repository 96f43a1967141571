package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.Objects;

/**
 * Whether one {@code ports} entry matches a flow's destination port and protocol. API reference,
 * {@code NetworkPolicyPort}:
 * <ul>
 *   <li>{@code protocol}: "The protocol (TCP, UDP, or SCTP) which traffic must match. If not specified, this
 *       field defaults to TCP.";</li>
 *   <li>{@code port}: "This can either be a numerical or named port on a pod. If this field is not provided,
 *       this matches all port names and numbers.";</li>
 *   <li>{@code endPort}: "indicates that the range of ports from port to endPort if set, inclusive, should be
 *       allowed".</li>
 * </ul>
 * A named port is resolved against the <em>destination</em> pod of the flow (the selected pod for ingress, the peer
 * pod for egress): it matches when that pod declares a container port with this name and protocol whose number is
 * the flow's port. A destination that does not declare the name (or is not a pod-network pod) matches nothing.
 */
final class PortMatcher {
    private PortMatcher() {}

    static boolean matches(NetworkPolicyPort entry, int port, String protocol, Endpoint destination) {
        String entryProtocol = Objects.requireNonNullElse(entry.getProtocol(), "TCP");
        if (!entryProtocol.equals(protocol)) {
            return false;
        }
        IntOrString p = entry.getPort();
        if (p == null || (p.getIntVal() == null && p.getStrVal() == null)) {
            return true;
        }
        if (p.getIntVal() != null) {
            int first = p.getIntVal();
            int last = entry.getEndPort() == null ? first : entry.getEndPort();
            return first <= port && port <= last;
        }
        return destination.declaresNamedPort(p.getStrVal(), protocol, port);
    }
}
