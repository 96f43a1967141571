package dev.junction.agent.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text forms of {@link ProbeTarget} (the {@code to:} key of probes.yaml). */
final class TargetSyntax {

    private static final Pattern NAMED = Pattern.compile("(pod|service|svc)\\s+([^\\s:]+):([A-Za-z0-9-]+)(?:/(\\w+))?");
    private static final Pattern NODEPORT = Pattern.compile("nodeport\\s+(?:([a-z0-9][-a-z0-9.]*):)?(\\d+)(?:/(\\w+))?");
    private static final Pattern IP = Pattern.compile("ip\\s+(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d+)(?:/(\\w+))?");

    static ProbeTarget parse(String text) {
        String t = text.trim();
        Matcher m = NAMED.matcher(t);
        if (m.matches()) {
            Protocol proto = Protocol.parse(m.group(4));
            ObjectRef ref = ObjectRef.parse(m.group(2));
            return m.group(1).equals("pod")
                    ? new ProbeTarget.ToPod(ref, port(m.group(3), text), proto)
                    : new ProbeTarget.ToService(ref, m.group(3), proto);
        }
        m = NODEPORT.matcher(t);
        if (m.matches()) {
            return new ProbeTarget.ToNodePort(m.group(1), port(m.group(2), text), Protocol.parse(m.group(3)));
        }
        m = IP.matcher(t);
        if (m.matches()) {
            return new ProbeTarget.ToIp(m.group(1), port(m.group(2), text), Protocol.parse(m.group(3)));
        }
        throw new IllegalArgumentException(
                "to must be 'pod ns/name:port/proto', 'service ns/name:port/proto', 'nodeport [node:]port/proto' "
                        + "or 'ip a.b.c.d:port/proto': " + text);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("port must be 1..65535: " + text);
    }

    private TargetSyntax() {
    }
}
