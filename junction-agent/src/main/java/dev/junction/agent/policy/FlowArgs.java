package dev.junction.agent.policy;

import dev.junction.netpol.oracle.Peer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsing of {@code --from}, {@code --to} and {@code --port}; every problem is an IllegalArgumentException. */
final class FlowArgs {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    /** An IANA service name, as containerPort names are (at most 15 characters, a letter among them). */
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");
    /** A DNS-1123 label or subdomain, as namespace and pod names are. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private FlowArgs() {}

    /**
     * The destination port: {@code 80/tcp}, {@code 80}, {@code http/tcp} or {@code http} (protocol TCP unless
     * given).
     *
     * @param number the port number, or 0 for a named port
     * @param name the port name, or null
     * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
     */
    record PortArg(int number, String name, String protocol) {
        static PortArg parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("--port: empty; write PORT/PROTOCOL, e.g. 80/tcp or http/tcp");
            }
            int slash = text.indexOf('/');
            String port = slash < 0 ? text : text.substring(0, slash);
            String protocol = slash < 0 ? "TCP" : text.substring(slash + 1).toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("--port " + text + ": protocol " + text.substring(slash + 1)
                        + " is not tcp, udp or sctp");
            }
            if (!port.isEmpty() && port.chars().allMatch(Character::isDigit)) {
                int n = port.length() > 5 ? 0 : Integer.parseInt(port);
                if (n < 1 || n > 65535) {
                    throw new IllegalArgumentException("--port " + text + ": " + port + " is not in 1-65535");
                }
                return new PortArg(n, null, protocol);
            }
            if (!PORT_NAME.matcher(port).matches() || port.chars().noneMatch(Character::isLetter)) {
                throw new IllegalArgumentException("--port " + text + ": " + (port.isEmpty() ? "no port"
                        : "\"" + port + "\" is neither a number nor a port name"));
            }
            return new PortArg(0, port, protocol);
        }

        /** As given, normalised: {@code 80/TCP}, {@code http/TCP}. */
        @Override
        public String toString() {
            return (name != null ? name : Integer.toString(number)) + "/" + protocol;
        }
    }

    /** {@code node}, {@code ip:ADDRESS} (or a bare IP address) or {@code namespace/pod}. */
    static Peer peer(String flag, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(flag + ": empty; write namespace/pod, node or ip:ADDRESS");
        }
        if (text.equals("node")) {
            return Peer.node();
        }
        if (text.startsWith("ip:") || text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (text.contains(".") || text.contains(":"))) {
            String address = text.startsWith("ip:") ? text.substring(3) : text;
            try {
                return Peer.ip(address);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + " " + text + ": " + e.getMessage());
            }
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash != text.lastIndexOf('/') || slash == text.length() - 1) {
            throw new IllegalArgumentException(flag + " " + text + ": write namespace/pod, node or ip:ADDRESS");
        }
        String ns = text.substring(0, slash);
        String name = text.substring(slash + 1);
        if (!OBJECT_NAME.matcher(ns).matches() || !OBJECT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(flag + " " + text + ": not a valid namespace/pod name");
        }
        return Peer.pod(ns, name);
    }
}
