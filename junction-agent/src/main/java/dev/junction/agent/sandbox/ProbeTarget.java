package dev.junction.agent.sandbox;

/**
 * What a probe connects to. Text forms (the {@code to:} key of probes.yaml):
 * <pre>
 * pod ns/name:PORT/PROTO        the pod's IP (the node IP for hostNetwork pods)
 * service ns/name:PORT/PROTO    the service's ClusterIP and service port PORT (a number or a port name)
 * nodeport PORT/PROTO           the (first) node's InternalIP, 192.168.77.2 single-node
 * nodeport NODE:PORT/PROTO      that node's InternalIP
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

    /** @param node the node's name, or null for the first (single-node: the only) node */
    record ToNodePort(String node, int port, Protocol protocol) implements ProbeTarget {
        public ToNodePort(int port, Protocol protocol) {
            this(null, port, protocol);
        }

        @Override public String toString() {
            return "nodeport " + (node == null ? "" : node + ":") + port + "/" + protocol.lower();
        }
    }

    record ToIp(String ip, int port, Protocol protocol) implements ProbeTarget {
        @Override public String toString() { return "ip " + ip + ":" + port + "/" + protocol.lower(); }
    }

    /** Parses the text forms above. */
    static ProbeTarget parse(String text) {
        return TargetSyntax.parse(text);
    }
}
