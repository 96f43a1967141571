package dev.junction.kube;

import static dev.junction.kube.Fields.checkRange;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Protocol;
import dev.junction.model.policy.PolicyPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates a rule's {@code ports} entries as the API server does ({@code ValidateNetworkPolicyPort}); the first
 * problem stops the conversion. An entry without port means every port of its protocol.
 */
final class PolicyPorts {
    /** IANA_SVC_NAME characters (RFC 6335 §5.1); the length, letter and hyphen rules are checked separately. */
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private PolicyPorts() {}

    /** @param field the list's path, such as {@code spec.ingress[0].ports} */
    static List<PolicyPort> parse(List<NetworkPolicyPort> raw, String field) {
        List<PolicyPort> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(port(raw.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static PolicyPort port(NetworkPolicyPort p, String field) {
        if (p == null) {
            throw new InvalidObject(field + ": is null");
        }
        Protocol protocol = Protocol.parse(p.getProtocol()).orElseThrow(() -> new InvalidObject(
                field + ".protocol: " + quote(p.getProtocol()) + " is not TCP, UDP or SCTP"));
        IntOrString port = p.getPort();
        Integer end = p.getEndPort();
        if (port == null) {
            if (end != null) {
                throw new InvalidObject(field + ".endPort: may not be set without port");
            }
            return new PolicyPort(protocol, 0, null, 0);
        }
        if (port.getIntVal() != null) {
            int number = port.getIntVal();
            checkRange(field + ".port", number, 1, 65535);
            if (end == null) {
                return new PolicyPort(protocol, number, null, 0);
            }
            if (end < number) {
                throw new InvalidObject(field + ".endPort: " + end + " is less than port " + number);
            }
            checkRange(field + ".endPort", end, 1, 65535);
            return new PolicyPort(protocol, number, null, end);
        }
        String name = port.getStrVal();
        if (name == null) {
            throw new InvalidObject(field + ".port: " + port.getValue() + " is neither a port number nor a port name");
        }
        if (!isPortName(name)) {
            throw new InvalidObject(field + ".port: " + quote(name) + " is not a valid port name (1-15 lower-case "
                    + "letters, digits and single inner '-', with at least one letter)");
        }
        if (end != null) {
            throw new InvalidObject(field + ".endPort: may not be set with the named port " + quote(name));
        }
        return new PolicyPort(protocol, 0, name, 0);
    }

    /**
     * IANA_SVC_NAME, as the API server checks it ({@code IsValidPortName}); a digit-only string such as "80" is not
     * one, so a quoted number is refused rather than guessed at.
     */
    static boolean isPortName(String name) {
        return !name.isEmpty() && name.length() <= 15 && PORT_NAME.matcher(name).matches() && !name.contains("--")
                && name.chars().anyMatch(c -> c >= 'a' && c <= 'z');
    }
}
