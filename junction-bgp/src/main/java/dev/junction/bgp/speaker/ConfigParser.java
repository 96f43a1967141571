package dev.junction.bgp.speaker;

import dev.junction.bgp.rib.policy.Action;
import dev.junction.bgp.rib.policy.Condition;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.rib.policy.PrefixList;
import dev.junction.bgp.rib.policy.Term;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A line-oriented configuration for {@link SpeakerMain} and tests. One statement per line, {@code #} comments:
 * <pre>
 * router-id 192.168.100.2
 * asn 64512
 * listen 0.0.0.0 179                       (or: listen none)
 * cluster-id 10.255.0.1
 * graceful-restart on restart-time 120 stale-time 360 deferral 360 [restarting] [no-forwarding]   (or: off)
 * originate 10.244.1.0/24 [community 64512:100 ...]
 * policy pods term t1 prefix 10.244.0.0/16 le 24 community 64512:1 as-path-contains 65001
 *                     then reject | local-pref 200 | med 5 | add-community 64512:7 | set-community 64512:8
 *                          | prepend 2 | next-hop-self        (several actions may follow "then")
 * policy pods default reject
 * peer bird address 192.168.100.1 asn 64512 [port 179] [local 192.168.100.2] [local-port 0] [ttl 0]
 *      [password SECRET] [rr-client] [passive] [hold 90] [keepalive 30] [connect-retry 5] [families ipv4,ipv6]
 *      [next-hop-v6 2001:db8::2] [import POLICY] [export POLICY]
 * </pre>
 */
public final class ConfigParser {
    private ConfigParser() {
    }

    private static final class PolicyDraft {
        final List<Term> terms = new ArrayList<>();
        boolean defaultAccept = true;
    }

    public static SpeakerConfig parse(String text) {
        Inet4Address routerId = null;
        long asn = 0;
        InetSocketAddress listen = new InetSocketAddress(179);
        Inet4Address clusterId = null;
        GracefulRestartConfig gr = GracefulRestartConfig.DEFAULT;
        List<SpeakerConfig.Originated> originated = new ArrayList<>();
        Map<String, PolicyDraft> policies = new LinkedHashMap<>();
        List<String[]> peerLines = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty()) continue;
            String[] w = line.split("\\s+");
            try {
                switch (w[0]) {
                    case "router-id" -> routerId = Inet4Address.ofLiteral(w[1]);
                    case "asn" -> asn = Long.parseLong(w[1]);
                    case "listen" -> listen = w[1].equals("none") ? null : new InetSocketAddress(InetAddress.ofLiteral(w[1]), Integer.parseInt(w[2]));
                    case "cluster-id" -> clusterId = Inet4Address.ofLiteral(w[1]);
                    case "graceful-restart" -> gr = gracefulRestart(w);
                    case "originate" -> {
                        List<Long> cs = new ArrayList<>();
                        for (int i = 2; i + 1 < w.length; i += 2) cs.add(community(expect(w[i], "community", w[i + 1])));
                        originated.add(new SpeakerConfig.Originated(Prefix.parse(w[1]), cs));
                    }
                    case "policy" -> policy(w, policies.computeIfAbsent(w[1], n -> new PolicyDraft()));
                    case "peer" -> peerLines.add(w);
                    default -> throw new IllegalArgumentException("unknown statement " + w[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": " + raw.trim(), e);
            }
        }
        if (routerId == null || asn == 0) throw new IllegalArgumentException("router-id and asn are required");
        Map<String, Policy> built = new LinkedHashMap<>();
        policies.forEach((n, d) -> built.put(n, new Policy(n, d.terms, d.defaultAccept)));
        List<PeerConfig> peers = new ArrayList<>();
        for (String[] w : peerLines) peers.add(peer(w, built));
        return new SpeakerConfig(routerId, asn, listen, clusterId, peers, originated, gr, false, 100);
    }

    private static String expect(String word, String wanted, String value) {
        if (!word.equals(wanted)) throw new IllegalArgumentException("expected '" + wanted + "', got '" + word + "'");
        return value;
    }

    static long community(String text) {
        String[] p = text.split(":");
        return Communities.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    private static GracefulRestartConfig gracefulRestart(String[] w) {
        if (w[1].equals("off")) return GracefulRestartConfig.DISABLED;
        GracefulRestartConfig d = GracefulRestartConfig.DEFAULT;
        int restartTime = d.restartTime();
        Duration stale = d.stalePathTime();
        Duration deferral = d.selectionDeferralTime();
        boolean restarting = false;
        boolean forwarding = true;
        for (int i = 2; i < w.length; i++) {
            switch (w[i]) {
                case "restart-time" -> restartTime = Integer.parseInt(w[++i]);
                case "stale-time" -> stale = Duration.ofSeconds(Long.parseLong(w[++i]));
                case "deferral" -> deferral = Duration.ofSeconds(Long.parseLong(w[++i]));
                case "restarting" -> restarting = true;
                case "no-forwarding" -> forwarding = false;
                default -> throw new IllegalArgumentException("unknown graceful-restart option " + w[i]);
            }
        }
        return new GracefulRestartConfig(true, restartTime, stale, restarting, forwarding, deferral);
    }

    private static void policy(String[] w, PolicyDraft d) {
        if (w[2].equals("default")) {
            d.defaultAccept = w[3].equals("accept");
            return;
        }
        String name = expect(w[2], "term", w[3]);
        List<Condition> conditions = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        int i = 4;
        while (i < w.length && !w[i].equals("then")) {
            switch (w[i]) {
                case "prefix" -> {
                    StringBuilder spec = new StringBuilder(w[++i]);
                    while (i + 2 < w.length && (w[i + 1].equals("ge") || w[i + 1].equals("le"))) spec.append(' ').append(w[++i]).append(' ').append(w[++i]);
                    conditions.add(new Condition.PrefixIn(PrefixList.of(spec.toString())));
                }
                case "community" -> conditions.add(new Condition.CommunityAny(Set.of(community(w[++i]))));
                case "as-path-contains" -> conditions.add(new Condition.AsPathContains(Long.parseLong(w[++i])));
                default -> throw new IllegalArgumentException("unknown match " + w[i]);
            }
            i++;
        }
        for (i++; i < w.length; i++) {
            actions.add(switch (w[i]) {
                case "reject" -> new Action.Reject();
                case "accept" -> new Action.Accept();
                case "local-pref" -> new Action.SetLocalPref(Long.parseLong(w[++i]));
                case "med" -> new Action.SetMed(Long.parseLong(w[++i]));
                case "add-community" -> new Action.AddCommunities(List.of(community(w[++i])));
                case "set-community" -> new Action.SetCommunities(List.of(community(w[++i])));
                case "prepend" -> new Action.PrependAs(0, Integer.parseInt(w[++i]));
                case "next-hop-self" -> new Action.NextHopSelf();
                default -> throw new IllegalArgumentException("unknown action " + w[i]);
            });
        }
        d.terms.add(new Term(name, conditions, actions));
    }

    private static PeerConfig peer(String[] w, Map<String, Policy> policies) {
        String name = w[1];
        InetAddress address = null;
        long asn = 0;
        Map<String, String> opts = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 2; i < w.length; i++) {
            switch (w[i]) {
                case "rr-client", "passive" -> flags.add(w[i]);
                default -> opts.put(w[i], w[++i]);
            }
        }
        address = InetAddress.ofLiteral(require(opts, "address", name));
        asn = Long.parseLong(require(opts, "asn", name));
        PeerConfig.Builder b = PeerConfig.builder(name, address, asn)
                .routeReflectorClient(flags.contains("rr-client")).passive(flags.contains("passive"));
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "address", "asn" -> {
                }
                case "port" -> b.port(Integer.parseInt(v));
                case "local" -> b.localAddress(InetAddress.ofLiteral(v));
                case "local-port" -> b.localPort(Integer.parseInt(v));
                case "ttl" -> b.ttl(Integer.parseInt(v));
                case "password" -> b.md5Password(v);
                case "hold" -> b.holdTime(Integer.parseInt(v));
                case "keepalive" -> b.keepaliveTime(Integer.parseInt(v));
                case "connect-retry" -> b.connectRetry(Duration.ofSeconds(Long.parseLong(v)));
                case "next-hop-v6" -> b.nextHopV6(InetAddress.ofLiteral(v));
                case "families" -> {
                    Set<AfiSafi> fs = new HashSet<>();
                    for (String f : v.split(",")) fs.add(switch (f) {
                        case "ipv4" -> AfiSafi.IPV4_UNICAST;
                        case "ipv6" -> AfiSafi.IPV6_UNICAST;
                        default -> throw new IllegalArgumentException("unknown family " + f);
                    });
                    b.families(fs);
                }
                case "import" -> b.importPolicy(policy(policies, v));
                case "export" -> b.exportPolicy(policy(policies, v));
                default -> throw new IllegalArgumentException("unknown peer option " + e.getKey());
            }
        }
        return b.build();
    }

    private static String require(Map<String, String> opts, String key, String peer) {
        String v = opts.get(key);
        if (v == null) throw new IllegalArgumentException("peer " + peer + " needs " + key);
        return v;
    }

    private static Policy policy(Map<String, Policy> policies, String name) {
        Policy p = policies.get(name);
        if (p == null) throw new IllegalArgumentException("unknown policy " + name);
        return p;
    }
}
