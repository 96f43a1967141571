package dev.junction.router.plan;

import static dev.junction.router.plan.NodeAnnotations.PEERS;
import static dev.junction.router.plan.NodeAnnotations.PEER_ASNS;
import static dev.junction.router.plan.NodeAnnotations.PEER_IPS;
import static dev.junction.router.plan.NodeAnnotations.PEER_LOCAL_IPS;
import static dev.junction.router.plan.NodeAnnotations.PEER_PASSWORDS;
import static dev.junction.router.plan.NodeAnnotations.PEER_PORTS;
import static dev.junction.router.plan.NodeAnnotations.quote;

import dev.junction.model.Ip;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A node's own external peers: the {@code kube-router.io/peers} YAML list, or the deprecated positional comma
 * lists {@code peer.ips}, {@code peer.asns}, {@code peer.ports}, {@code peer.passwords}, {@code peer.localips}. A bad
 * peer is dropped alone; a password is never part of a message.
 */
final class PeerAnnotations {
    private static final Set<String> KEYS = Set.of("remoteip", "remoteasn", "localip", "password", "port", "bfd");

    private final BiConsumer<String, String> problem;

    PeerAnnotations(BiConsumer<String, String> problem) {
        this.problem = problem;
    }

    List<ExternalPeer> fromYaml(String yaml) {
        Object doc;
        try {
            doc = TinyYaml.parse(yaml);
        } catch (IllegalArgumentException e) {
            problem.accept(PEERS, "is not valid YAML (" + e.getMessage() + "); no peers from it");
            return List.of();
        }
        if (!(doc instanceof List<?> items)) {
            problem.accept(PEERS, "is not a YAML list of peers; no peers from it");
            return List.of();
        }
        List<ExternalPeer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = PEERS + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                problem.accept(where, "is not a mapping; dropped");
                continue;
            }
            try {
                ExternalPeer p = peer(m);
                if (m.containsKey("bfd")) problem.accept(where, "bfd is not supported; the peer is used without it");
                add(out, p, where);
            } catch (IllegalArgumentException e) {
                problem.accept(where, e.getMessage() + "; dropped");
            }
        }
        return out;
    }

    private static ExternalPeer peer(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown key " + quote(String.valueOf(k)));
        }
        InetAddress address = address("remoteip", text(m, "remoteip").orElseThrow(() -> new IllegalArgumentException("remoteip is missing")));
        long asn = asn(text(m, "remoteasn").orElseThrow(() -> new IllegalArgumentException("remoteasn is missing")));
        int port = text(m, "port").map(PeerAnnotations::port).orElse(179);
        Optional<InetAddress> local = text(m, "localip").filter(s -> !s.isBlank()).map(s -> address("localip", s));
        Optional<String> password = text(m, "password").filter(s -> !s.isBlank()).map(PeerAnnotations::password);
        return new ExternalPeer(address, asn, port, password, 0, local);
    }

    /** A scalar value; nested values are only allowed for bfd, which is ignored. */
    private static Optional<String> text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) return Optional.empty();
        if (!(v instanceof String s)) throw new IllegalArgumentException(key + " is not a scalar");
        return Optional.of(s);
    }

    List<ExternalPeer> fromLists(Map<String, String> annotations) {
        List<String> ips = list(annotations, PEER_IPS);
        List<String> asns = list(annotations, PEER_ASNS);
        List<String> ports = list(annotations, PEER_PORTS);
        List<String> passwords = list(annotations, PEER_PASSWORDS);
        List<String> locals = list(annotations, PEER_LOCAL_IPS);
        if (ips.size() != asns.size()) {
            problem.accept(PEER_IPS, "has " + ips.size() + " addresses but " + PEER_ASNS + " has " + asns.size()
                    + " ASNs; no peers from them");
            return List.of();
        }
        for (var other : List.of(Map.entry(PEER_PORTS, ports), Map.entry(PEER_PASSWORDS, passwords), Map.entry(PEER_LOCAL_IPS, locals))) {
            if (!other.getValue().isEmpty() && other.getValue().size() != ips.size()) {
                problem.accept(other.getKey(), "has " + other.getValue().size() + " entries for " + ips.size()
                        + " peers; no peers from " + PEER_IPS);
                return List.of();
            }
        }
        problem.accept(PEER_IPS, "and the other peer.* annotations are deprecated; use " + PEERS);
        List<ExternalPeer> out = new ArrayList<>();
        for (int i = 0; i < ips.size(); i++) {
            String where = PEER_IPS + "[" + i + "]";
            try {
                InetAddress address = address("address", ips.get(i));
                long asn = asn(asns.get(i));
                int port = ports.isEmpty() || ports.get(i).isEmpty() ? 179 : port(ports.get(i));
                Optional<String> password = passwords.isEmpty() || passwords.get(i).isEmpty()
                        ? Optional.empty() : Optional.of(password(passwords.get(i)));
                Optional<InetAddress> local = locals.isEmpty() || locals.get(i).isEmpty()
                        ? Optional.empty() : Optional.of(address("local address", locals.get(i)));
                add(out, new ExternalPeer(address, asn, port, password, 0, local), where);
            } catch (IllegalArgumentException e) {
                problem.accept(where, e.getMessage() + "; dropped");
            }
        }
        return out;
    }

    private void add(List<ExternalPeer> out, ExternalPeer p, String where) {
        if (out.stream().anyMatch(q -> q.address().equals(p.address()))) {
            problem.accept(where, "repeats peer " + Addresses.text(p.address()) + "; dropped");
        } else {
            out.add(p);
        }
    }

    /** Positional lists keep empty entries: {@code "a,,c"} has three. Absent is the empty list. */
    private static List<String> list(Map<String, String> annotations, String key) {
        String v = annotations.get(key);
        return v == null || v.isBlank() ? List.of() : java.util.Arrays.stream(v.split(",", -1)).map(String::strip).toList();
    }

    private static InetAddress address(String what, String text) {
        return Ip.parse(text.strip()).map(Addresses::inet)
                .orElseThrow(() -> new IllegalArgumentException(what + " " + quote(text) + " is not an IP address"));
    }

    private static long asn(String text) {
        try {
            return Asn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ASN " + quote(text) + ": " + e.getMessage());
        }
    }

    private static int port(String text) {
        long p;
        try {
            p = Uint32.parse(text, 65535);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("port " + quote(text) + " is not 1..65535");
        }
        if (p == 0) throw new IllegalArgumentException("port 0 is not 1..65535");
        return (int) p;
    }

    /** Never quotes the text: it is the secret. */
    private static String password(String base64) {
        return ExternalPeer.decodePassword(base64)
                .orElseThrow(() -> new IllegalArgumentException("password is not base64 of UTF-8 text"));
    }
}
