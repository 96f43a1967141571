package dev.junction.netpol.oracle;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One end of a flow the oracle is asked about: a pod, the local node itself, or an IP address that is neither.
 *
 * <p>An {@link IpPeer} is only ever matched by {@code ipBlock}: it is never resolved to the pod or node that may own
 * the address. To ask about a pod, name the pod; to ask about the local node, use {@link #node()}.
 */
public sealed interface Peer {

    /** A pod by namespace and name. */
    record PodPeer(String namespace, String name) implements Peer {
        public PodPeer {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /** The local node itself (host network namespace: kubelet, node daemons). */
    record NodePeer() implements Peer {
        @Override
        public String toString() {
            return "node";
        }
    }

    /** An address outside the pods and the local node, such as a client on the internet or another node. */
    record IpPeer(InetAddress address) implements Peer {
        public IpPeer {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return Addresses.format(address);
        }
    }

    /** The pod {@code namespace/name}. */
    static Peer pod(String namespace, String name) {
        return new PodPeer(namespace, name);
    }

    /** The pod written {@code namespace/name}. */
    static Peer pod(String namespacedName) {
        int slash = namespacedName.indexOf('/');
        if (slash <= 0 || slash == namespacedName.length() - 1) {
            throw new IllegalArgumentException("\"" + namespacedName + "\" is not namespace/name");
        }
        return new PodPeer(namespacedName.substring(0, slash), namespacedName.substring(slash + 1));
    }

    /** The local node. */
    static Peer node() {
        return new NodePeer();
    }

    /** The IP literal {@code ip} (IPv4 or IPv6). */
    static Peer ip(String ip) {
        return new IpPeer(Addresses.parse(ip));
    }
}
