package dev.junction.router.plan;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Node;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads a node's {@code kube-router.io/*} router annotations (kube-router §4.2) into a {@link RouterNode}.
 *
 * <p>A node is never rejected: each annotation that does not parse is dropped alone, with a problem naming the
 * node, the annotation and why, and the node keeps its other settings. In list annotations whose entries stand
 * alone ({@code peers}, {@code node.bgp.communities}, {@code node.bgp.customimportreject}) only the bad entry is
 * dropped; {@code pod-cidr}/{@code pod-cidrs} are dropped whole, so the next source in kube-router's order
 * applies ({@code pod-cidr} (deprecated) > {@code pod-cidrs} > spec.podCIDRs): a node's pod CIDRs come from one
 * source. Problems never quote a password. The {@code kube-router.io/peers} YAML is read by {@link TinyYaml}, whose
 * javadoc lists the accepted subset.
 */
public final class NodeAnnotations {
    public static final String PREFIX = "kube-router.io/";
    public static final String POD_CIDR = PREFIX + "pod-cidr";
    public static final String POD_CIDRS = PREFIX + "pod-cidrs";
    public static final String NODE_ASN = PREFIX + "node.asn";
    public static final String RR_SERVER = PREFIX + "rr.server";
    public static final String RR_CLIENT = PREFIX + "rr.client";
    public static final String PEERS = PREFIX + "peers";
    public static final String PEER_IPS = PREFIX + "peer.ips";
    public static final String PEER_ASNS = PREFIX + "peer.asns";
    public static final String PEER_PORTS = PREFIX + "peer.ports";
    public static final String PEER_PASSWORDS = PREFIX + "peer.passwords";
    public static final String PEER_LOCAL_IPS = PREFIX + "peer.localips";
    public static final String COMMUNITIES = PREFIX + "node.bgp.communities";
    public static final String PREPEND_AS = PREFIX + "path-prepend.as";
    public static final String PREPEND_REPEAT = PREFIX + "path-prepend.repeat-n";
    public static final String IMPORT_REJECT = PREFIX + "node.bgp.customimportreject";

    /** The node and what was dropped from it. */
    public record Parsed(RouterNode node, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    private final Node source;
    private final Map<String, String> annotations;
    private final List<String> problems = new ArrayList<>();

    private NodeAnnotations(Node source) {
        this.source = source;
        this.annotations = source.annotations();
    }

    public static Parsed parse(Node node) {
        NodeAnnotations a = new NodeAnnotations(node);
        RouterNode parsed = new RouterNode(node.name(), a.first(IpFamily.V4).map(Inet4Address.class::cast),
                a.first(IpFamily.V6).map(Inet6Address.class::cast), a.podCidrs(), a.asn(), a.clusterId(RR_SERVER),
                a.clusterId(RR_CLIENT), a.peers(), a.communities(), a.prepend(), a.importReject());
        return new Parsed(parsed, a.problems);
    }

    /** status.addresses are InternalIP first, so this is the first InternalIP of the family, else an ExternalIP. */
    private Optional<InetAddress> first(IpFamily family) {
        return source.addresses().stream().filter(ip -> ip.family() == family).findFirst().map(Addresses::inet);
    }

    private List<Cidr> podCidrs() {
        String single = annotations.get(POD_CIDR);
        if (single != null) {
            Optional<Cidr> c = cidr(single);
            if (c.isPresent()) {
                problem(POD_CIDR, "is deprecated, use " + POD_CIDRS + "; it overrides spec.podCIDRs and " + POD_CIDRS);
                return List.of(c.get());
            }
            problem(POD_CIDR, quote(single) + " is not a CIDR; ignored");
        }
        String list = annotations.get(POD_CIDRS);
        if (list != null) {
            List<Cidr> out = new ArrayList<>();
            for (String item : items(list)) {
                Optional<Cidr> c = cidr(item);
                if (c.isEmpty()) {
                    problem(POD_CIDRS, quote(item) + " is not a CIDR; the annotation is ignored, spec.podCIDRs apply");
                    return source.podCidrs();
                }
                out.add(c.get());
            }
            if (!out.isEmpty()) return out;
            problem(POD_CIDRS, "is empty; spec.podCIDRs apply");
        }
        return source.podCidrs();
    }

    private OptionalLong asn() {
        return parsed(NODE_ASN, Asn::parse).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A route-reflector cluster id: a uint32, or dotted IPv4 as BGP shows CLUSTER_ID (RFC 4456 §7). */
    private Optional<Long> clusterId(String key) {
        return parsed(key, text -> {
            Optional<Ip> ip = Ip.parse(text.strip());
            if (ip.isPresent() && ip.get().family() == IpFamily.V4) {
                long v = 0;
                for (int i = 0; i < 4; i++) v = v << 8 | ip.get().byteAt(i);
                return v;
            }
            return Uint32.parse(text);
        });
    }

    private List<ExternalPeer> peers() {
        String yaml = annotations.get(PEERS);
        if (yaml != null) {
            for (String old : List.of(PEER_IPS, PEER_ASNS, PEER_PORTS, PEER_PASSWORDS, PEER_LOCAL_IPS)) {
                if (annotations.containsKey(old)) problem(old, "is ignored because " + PEERS + " is set");
            }
            return new PeerAnnotations(this::problem).fromYaml(yaml);
        }
        if (!annotations.containsKey(PEER_IPS) && !annotations.containsKey(PEER_ASNS)) return List.of();
        return new PeerAnnotations(this::problem).fromLists(annotations);
    }

    private List<Long> communities() {
        List<Long> out = new ArrayList<>();
        String text = annotations.get(COMMUNITIES);
        if (text == null) return out;
        for (String item : items(text)) {
            try {
                long v = CommunityText.parse(item);
                if (!out.contains(v)) out.add(v);
            } catch (IllegalArgumentException e) {
                problem(COMMUNITIES, quote(item) + " is not a community (uint32, AA:NN or a well-known name): "
                        + e.getMessage() + "; dropped");
            }
        }
        return out;
    }

    private Optional<RouterNode.PathPrepend> prepend() {
        boolean as = annotations.containsKey(PREPEND_AS);
        boolean repeat = annotations.containsKey(PREPEND_REPEAT);
        if (as != repeat) {
            problem(as ? PREPEND_AS : PREPEND_REPEAT, "needs " + (as ? PREPEND_REPEAT : PREPEND_AS) + " too; ignored");
            return Optional.empty();
        }
        if (!as) return Optional.empty();
        Optional<Long> asn = parsed(PREPEND_AS, Asn::parse);
        Optional<Long> times = parsed(PREPEND_REPEAT, t -> {
            long n = Uint32.parse(t, 32);
            if (n == 0) throw new IllegalArgumentException("0 is not a repeat count (1..32)");
            return n;
        });
        if (asn.isEmpty() || times.isEmpty()) return Optional.empty();
        return Optional.of(new RouterNode.PathPrepend(asn.get(), (int) (long) times.get()));
    }

    private List<Cidr> importReject() {
        List<Cidr> out = new ArrayList<>();
        String text = annotations.get(IMPORT_REJECT);
        if (text == null) return out;
        for (String item : items(text)) {
            Optional<Cidr> c = cidr(item);
            if (c.isEmpty()) problem(IMPORT_REJECT, quote(item) + " is not a CIDR; dropped");
            else if (!out.contains(c.get())) out.add(c.get());
        }
        return out;
    }

    /** The annotation through {@code parser}, or empty (with a problem if it was set but did not parse). */
    private <T> Optional<T> parsed(String key, Function<String, T> parser) {
        String text = annotations.get(key);
        if (text == null) return Optional.empty();
        try {
            return Optional.of(parser.apply(text));
        } catch (IllegalArgumentException e) {
            problem(key, quote(text) + ": " + e.getMessage() + "; ignored");
            return Optional.empty();
        }
    }

    /** A CIDR with an explicit length (a bare address is a mistake here, not a host route). */
    static Optional<Cidr> cidr(String text) {
        String t = text.strip();
        return t.indexOf('/') < 0 ? Optional.empty() : Cidr.parse(t);
    }

    /** Comma-separated items, blanks around them ignored. */
    static List<String> items(String text) {
        return java.util.Arrays.stream(text.split(",", -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String quote(String s) {
        return '"' + s + '"';
    }

    private void problem(String annotation, String why) {
        problems.add("node " + source.name() + ": " + annotation + " " + why);
    }
}
