package dev.junction.agent.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a probe connects to. Text forms (the {@code to:} key of probes.yaml):
 * <pre>
 * pod ns/name:PORT/PROTO        the pod's IP (the node IP for hostNetwork pods)
 * service ns/name:PORT/PROTO    the service's ClusterIP and service port PORT (a number or a port name)
 * nodeport PORT/PROTO           the node's InternalIP 192.168.77.2
 * ip A.B.C.D:PORT/PROTO         any address
 * </pre>
 * PROTO is tcp or udp and may be left out (tcp).
 */
public sealed interface ProbeTarget {

    Protocol protocol();

    record ToPod(ObjectRef pod, int port, Protocol protocol) implements ProbeTarget {
        @Override public String toString() { return "pod " + pod + ":" + port + "/" + protocol.lower(); }
    }

    /** {@code port} is the service port's number or name, resolved against the Service at probe time. */
    record ToService(ObjectRef service, String port, Protocol protocol) implements ProbeTarget {
        @Override public String toString() { return "service " + service + ":" + port + "/" + protocol.lower(); }
    }

    record ToNodePort(int port, Protocol protocol) implements ProbeTarget {
        @Override public String toString() { return "nodeport " + port + "/" + protocol.lower(); }
    }

    record ToIp(String ip, int port, Protocol protocol) implements ProbeTarget {
        @Override public String toString() { return "ip " + ip + ":" + port + "/" + protocol.lower(); }
    }

    Pattern NAMED = Pattern.compile("(pod|service|svc)\\s+([^\\s:]+):([A-Za-z0-9-]+)(?:/(\\w+))?");
    Pattern NODEPORT = Pattern.compile("nodeport\\s+(\\d+)(?:/(\\w+))?");
    Pattern IP = Pattern.compile("ip\\s+(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d+)(?:/(\\w+))?");

    static ProbeTarget parse(String text) {
        String t = text.trim();
        Matcher m = NAMED.matcher(t);
        if (m.matches()) {
            Protocol proto = Protocol.parse(m.group(4));
            ObjectRef ref = ObjectRef.parse(m.group(2));
            return m.group(1).equals("pod")
                    ? new ToPod(ref, port(m.group(3), text), proto)
                    : new ToService(ref, m.group(3), proto);
        }
        m = NODEPORT.matcher(t);
        if (m.matches()) {
            return new ToNodePort(port(m.group(1), text), Protocol.parse(m.group(2)));
        }
        m = IP.matcher(t);
        if (m.matches()) {
            return new ToIp(m.group(1), port(m.group(2), text), Protocol.parse(m.group(3)));
        }
        throw new IllegalArgumentException(
                "to must be 'pod ns/name:port/proto', 'service ns/name:port/proto', 'nodeport port/proto' "
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
}
