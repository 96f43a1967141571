package dev.junction.agent;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Node;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The addresses NodePorts answer on ({@code --nodeport-addresses}): {@code primary} (the default, as kube-proxy's
 * nftables mode) means the Node's own InternalIP per family; a list of CIDRs means every local address inside
 * them. Without a Node object, "primary" falls back to the local non-loopback addresses.
 */
public final class NodeAddresses {
    private final boolean primary;
    private final List<Cidr> cidrs;

    public NodeAddresses(List<String> spec) {
        List<Cidr> c = new ArrayList<>();
        boolean p = spec.isEmpty();
        for (String s : spec) {
            if (s.equals("primary")) {
                p = true;
            } else {
                c.add(Cidr.parse(s.trim()).orElseThrow(() -> new IllegalArgumentException("--nodeport-addresses: not a CIDR: " + s)));
            }
        }
        this.primary = p;
        this.cidrs = List.copyOf(c);
    }

    public List<Ip> resolve(Optional<Node> node) {
        List<Ip> out = new ArrayList<>();
        if (primary) {
            if (node.isPresent() && !node.get().addresses().isEmpty()) {
                Ip first4 = node.get().addresses().stream().filter(i -> i.length() == 4).findFirst().orElse(null);
                Ip first6 = node.get().addresses().stream().filter(i -> i.length() == 16).findFirst().orElse(null);
                if (first4 != null) {
                    out.add(first4);
                }
                if (first6 != null) {
                    out.add(first6);
                }
            } else {
                out.addAll(local(ip -> true));
            }
        }
        if (!cidrs.isEmpty()) {
            out.addAll(local(ip -> cidrs.stream().anyMatch(c -> c.contains(ip))));
        }
        return out.stream().distinct().sorted().toList();
    }

    private static List<Ip> local(java.util.function.Predicate<Ip> keep) {
        List<Ip> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                        continue;
                    }
                    String text = a.getHostAddress();
                    int pct = text.indexOf('%');
                    Ip.parse(pct < 0 ? text : text.substring(0, pct)).filter(keep).ifPresent(out::add);
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: no node ports rather than a crash
        }
        return out;
    }
}
