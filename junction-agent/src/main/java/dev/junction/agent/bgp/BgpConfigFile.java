package dev.junction.agent.bgp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.junction.bgp.rib.policy.Action;
import dev.junction.bgp.rib.policy.Condition;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.rib.policy.PrefixList;
import dev.junction.bgp.rib.policy.Term;
import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.Prefix;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.net.Inet4Address;
import dev.junction.bgp.wire.IpText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YAML configuration of {@code junction bgp serve}; the format is documented in the README ("BGP speaker
 * configuration"). Parsing is strict: unknown keys, out-of-range numbers and bad addresses are errors naming
 * their path, and nothing starts with a half-understood file.
 */
public final class BgpConfigFile {
    /** The default admin endpoint: localhost only (GoBGP's API on the node IP was a kube-router advisory). */
    public static final InetSocketAddress DEFAULT_ADMIN = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50052);

    /** The speaker and where its admin endpoint listens (null: none). */
    public record Parsed(SpeakerConfig speaker, InetSocketAddress admin) {
    }

    private BgpConfigFile() {
    }

    public static Parsed read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getParent());
    }

    public static Parsed parse(String yaml, Path baseDir) {
        Map<String, Object> top;
        try {
            top = yaml.isBlank() ? null : Serialization.unmarshal(yaml, new TypeReference<Map<String, Object>>() { });
        } catch (RuntimeException e) {
            throw new YamlTree.ConfigException("not valid YAML: " + e.getMessage());
        }
        if (top == null) throw new YamlTree.ConfigException("the configuration is empty: routerId and asn are required");
        YamlTree t = new YamlTree(top, "");
        t.allowOnly(Set.of("routerId", "asn", "listen", "clusterId", "admin", "gracefulRestart", "originate", "policies", "peers",
                "alwaysCompareMed", "defaultLocalPref"));
        Inet4Address routerId = t.convert("routerId", Inet4Address::ofLiteral);
        long asn = t.integer("asn", 1, 0xFFFFFFFFL);
        InetSocketAddress listen = listen(t);
        Inet4Address clusterId = t.has("clusterId") ? t.convert("clusterId", Inet4Address::ofLiteral) : null;
        InetSocketAddress admin = admin(t);
        GracefulRestartConfig gr = t.has("gracefulRestart") ? gracefulRestart(t.object("gracefulRestart")) : GracefulRestartConfig.DEFAULT;
        List<SpeakerConfig.Originated> originated = new ArrayList<>();
        for (YamlTree o : t.objects("originate")) {
            o.allowOnly(Set.of("prefix", "communities"));
            originated.add(new SpeakerConfig.Originated(o.convert("prefix", Prefix::parse), communities(o, "communities")));
        }
        Map<String, Policy> policies = new LinkedHashMap<>();
        if (t.has("policies")) {
            for (Map.Entry<String, Object> e : t.rawMap("policies").entrySet()) {
                policies.put(e.getKey(), policy(e.getKey(), t.child("policies." + e.getKey(), e.getValue())));
            }
        }
        List<PeerConfig> peers = new ArrayList<>();
        for (YamlTree p : t.objects("peers")) peers.add(peer(p, policies, baseDir));
        boolean compareMed = t.bool("alwaysCompareMed", false);
        long localPref = t.integer("defaultLocalPref", 0, 0xFFFFFFFFL, 100);
        try {
            return new Parsed(new SpeakerConfig(routerId, asn, listen, clusterId, peers, originated, gr, compareMed, localPref), admin);
        } catch (IllegalArgumentException e) {
            throw new YamlTree.ConfigException(e.getMessage());
        }
    }

    private static InetSocketAddress listen(YamlTree t) {
        if (!t.has("listen")) return new InetSocketAddress(179);
        if (Boolean.FALSE.equals(rawBool(t, "listen"))) return null;
        YamlTree l = t.object("listen");
        l.allowOnly(Set.of("address", "port"));
        InetAddress a = l.has("address") ? l.convert("address", InetAddress::ofLiteral) : InetAddress.ofLiteral("0.0.0.0");
        return new InetSocketAddress(a, (int) l.integer("port", 0, 65535, 179));
    }

    private static InetSocketAddress admin(YamlTree t) {
        if (!t.has("admin")) return DEFAULT_ADMIN;
        if (Boolean.FALSE.equals(rawBool(t, "admin"))) return null;
        YamlTree a = t.object("admin");
        a.allowOnly(Set.of("address", "port"));
        InetAddress address = a.has("address") ? a.convert("address", InetAddress::ofLiteral) : InetAddress.getLoopbackAddress();
        if (!address.isLoopbackAddress()) {
            throw new YamlTree.ConfigException(a.path("address") + ": the admin endpoint binds to a loopback address only, not "
                    + IpText.of(address));
        }
        return new InetSocketAddress(address, (int) a.integer("port", 0, 65535, DEFAULT_ADMIN.getPort()));
    }

    private static Object rawBool(YamlTree t, String key) {
        try {
            return t.bool(key, true);
        } catch (YamlTree.ConfigException e) {
            return null;
        }
    }

    private static GracefulRestartConfig gracefulRestart(YamlTree g) {
        g.allowOnly(Set.of("enabled", "restartTime", "staleTime", "deferralTime", "restarting", "forwarding"));
        if (!g.bool("enabled", true)) return GracefulRestartConfig.DISABLED;
        GracefulRestartConfig d = GracefulRestartConfig.DEFAULT;
        return new GracefulRestartConfig(true, (int) g.integer("restartTime", 0, 4095, d.restartTime()),
                Duration.ofSeconds(g.integer("staleTime", 0, 86_400, d.stalePathTime().toSeconds())),
                g.bool("restarting", false), g.bool("forwarding", true),
                Duration.ofSeconds(g.integer("deferralTime", 0, 86_400, d.selectionDeferralTime().toSeconds())));
    }

    static List<Long> communities(YamlTree t, String key) {
        List<Long> out = new ArrayList<>();
        List<String> texts = t.strings(key);
        for (int i = 0; i < texts.size(); i++) {
            String c = texts.get(i);
            String[] p = c.split(":");
            try {
                if (p.length != 2) throw new NumberFormatException();
                int high = Integer.parseInt(p[0]);
                int low = Integer.parseInt(p[1]);
                if (high < 0 || high > 0xFFFF || low < 0 || low > 0xFFFF) throw new NumberFormatException();
                out.add(Communities.of(high, low));
            } catch (NumberFormatException e) {
                throw new YamlTree.ConfigException(t.path(key) + "[" + i + "]: \"" + c + "\" is not a community ASN:VALUE (each 0..65535)");
            }
        }
        return out;
    }

    private static Policy policy(String name, YamlTree p) {
        p.allowOnly(Set.of("terms", "default"));
        String dflt = p.string("default", "accept");
        if (!dflt.equals("accept") && !dflt.equals("reject")) throw new YamlTree.ConfigException(p.path("default") + ": accept or reject");
        List<Term> terms = new ArrayList<>();
        for (YamlTree term : p.objects("terms")) terms.add(PolicyTerms.term(term));
        return new Policy(name, terms, dflt.equals("accept"));
    }

    private static PeerConfig peer(YamlTree p, Map<String, Policy> policies, Path baseDir) {
        p.allowOnly(Set.of("name", "address", "asn", "port", "localAddress", "localPort", "password", "passwordFile", "multihop",
                "routeReflectorClient", "passive", "holdTime", "keepaliveTime", "connectRetry", "families", "nextHopV6", "import", "export"));
        InetAddress address = p.convert("address", InetAddress::ofLiteral);
        String name = p.string("name", IpText.of(address));
        PeerConfig.Builder b = PeerConfig.builder(name, address, p.integer("asn", 1, 0xFFFFFFFFL))
                .port((int) p.integer("port", 1, 65535, 179))
                .localPort((int) p.integer("localPort", 0, 65535, 0))
                .ttl((int) p.integer("multihop", 0, 255, 0))
                .routeReflectorClient(p.bool("routeReflectorClient", false))
                .passive(p.bool("passive", false))
                .connectRetry(Duration.ofSeconds(p.integer("connectRetry", 1, 3600, 5)));
        long hold = p.integer("holdTime", 0, 65535, 90);
        if (hold == 1 || hold == 2) throw new YamlTree.ConfigException(p.path("holdTime") + ": 0 or at least 3 seconds (RFC 4271 §4.2)");
        b.holdTime((int) hold).keepaliveTime((int) p.integer("keepaliveTime", 0, 21_845, 0));
        if (p.has("localAddress")) b.localAddress(p.convert("localAddress", InetAddress::ofLiteral));
        if (p.has("nextHopV6")) b.nextHopV6(p.convert("nextHopV6", InetAddress::ofLiteral));
        if (p.has("password") && p.has("passwordFile")) throw new YamlTree.ConfigException(p.path("password") + ": give password or passwordFile, not both");
        if (p.has("password")) b.md5Password(p.string("password"));
        if (p.has("passwordFile")) b.md5Password(readPassword(p, baseDir));
        if (p.has("families")) {
            Set<AfiSafi> fs = new LinkedHashSet<>();
            for (String f : p.strings("families")) {
                fs.add(switch (f) {
                    case "ipv4", "ipv4-unicast" -> AfiSafi.IPV4_UNICAST;
                    case "ipv6", "ipv6-unicast" -> AfiSafi.IPV6_UNICAST;
                    default -> throw new YamlTree.ConfigException(p.path("families") + ": unknown family \"" + f + "\" (ipv4, ipv6)");
                });
            }
            b.families(fs);
        } else if (!(address instanceof Inet4Address)) {
            b.families(Set.of(AfiSafi.IPV6_UNICAST));
        }
        if (p.has("import")) b.importPolicy(named(p, "import", policies));
        if (p.has("export")) b.exportPolicy(named(p, "export", policies));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new YamlTree.ConfigException(p.path("name") + ": " + e.getMessage());
        }
    }

    private static String readPassword(YamlTree p, Path baseDir) {
        Path f = Path.of(p.string("passwordFile"));
        if (!f.isAbsolute() && baseDir != null) f = baseDir.resolve(f);
        try {
            // A Kubernetes Secret mounted as a file ends with no newline, an echo'd one with one: neither is the key.
            return Files.readString(f, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new YamlTree.ConfigException(p.path("passwordFile") + ": cannot read " + f + ": " + e.getMessage());
        }
    }

    private static Policy named(YamlTree p, String key, Map<String, Policy> policies) {
        String n = p.string(key);
        Policy policy = policies.get(n);
        if (policy == null) throw new YamlTree.ConfigException(p.path(key) + ": no policy named \"" + n + "\" (defined: " + policies.keySet() + ")");
        return policy;
    }
}
