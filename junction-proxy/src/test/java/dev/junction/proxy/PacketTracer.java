// IP plan: see Scenario (pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node 192.168.0.2, external 203.0.113.0/24).
package dev.junction.proxy;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.nft.FakeNft;
import dev.junction.nft.TableRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Follows the first packet of a connection through a {@link FakeNft} table and says what happens to it. Like
 * kube-proxy's tracer it deliberately does not parse nftables: it recognises, by regular expression, the rule
 * shapes Junction's compiler writes, and fails on any other rule, so a new rule shape forces an update here.
 *
 * <p>Where the table chooses at random ({@code numgen}), every branch is followed: a DNAT verdict lists every
 * endpoint a new connection may reach. Affinity sets are empty (a client never seen before). Hooks: a packet
 * from a node address goes output, postrouting (and input if it stays local); any other packet goes
 * prerouting, then input (to a node address) or forward and postrouting. Base chains run in priority order.
 */
final class PacketTracer {
    enum Kind { DNAT, ACCEPT, DROP, REJECT }

    /** What happened: every endpoint a new connection may reach (for DNAT), and whether any is masqueraded. */
    record Verdict(Kind kind, Set<String> targets, boolean masqueraded) {
        String text() {
            return kind == Kind.DNAT ? String.join(" ", targets) : kind.name();
        }
    }

    private record Pkt(String saddr, String daddr, int dport, String proto, boolean mark, boolean dnat, boolean masq) {
        Pkt daddr(String a, int port) { return new Pkt(saddr, a, port, proto, mark, true, masq); }
        Pkt mark(boolean m) { return new Pkt(saddr, daddr, dport, proto, m, dnat, masq); }
        Pkt masquerade() { return new Pkt(saddr, daddr, dport, proto, mark, dnat, true); }
    }

    /** A rule's effect on one branch. */
    private sealed interface Step {}
    private record Next(Pkt p) implements Step {}
    private record Jump(String chain, Pkt p, boolean isGoto) implements Step {}
    private record Return(Pkt p) implements Step {}
    /** The base chain is done with the packet: ACCEPT (also after NAT), DROP or REJECT. */
    private record Final(Kind kind, Pkt p) implements Step {}

    private static final String IP = "ip6?";
    private static final String SET = "@([\\w./-]+)";
    private static final String CHAIN = "([\\w./-]+)";
    private static final String CIDRS = "(\\{ [^}]+ \\}|[0-9a-f.:/]+)";
    private static final Pattern BASE = Pattern.compile(
            "add chain \\S+ \\S+ (\\S+) \\{ type \\w+ hook (\\w+) priority (-?\\d+) ;.*");

    private final FakeNft nft;
    private final TableRef table;
    private final Set<String> localAddrs;
    private final List<Rule> rules = new ArrayList<>();

    private record Rule(Pattern pattern, Function<Matcher, Function<Pkt, List<Step>>> action) {}

    PacketTracer(FakeNft nft, TableRef table, String... nodeAddrs) {
        this.nft = nft;
        this.table = table;
        this.localAddrs = Arrays.stream(nodeAddrs).map(PacketTracer::canon).collect(Collectors.toSet());
        localAddrs.addAll(Set.of("127.0.0.1", "::1"));
        defineRules();
    }

    Verdict trace(String src, String dst, int port, String proto) {
        Pkt start = new Pkt(canon(src), canon(dst), port, proto, false, false, false);
        boolean fromNode = localAddrs.contains(start.saddr);
        List<Final> ends = new ArrayList<>();
        for (Pkt p : hook(fromNode ? "output" : "prerouting", List.of(start), ends)) {
            boolean toNode = localAddrs.contains(p.daddr);
            List<Pkt> after = fromNode ? hook("postrouting", List.of(p), ends) : List.of(p);
            if (toNode) {
                after = hook("input", after, ends);
            } else if (!fromNode) {
                after = hook("postrouting", hook("forward", after, ends), ends);
            }
            after.forEach(q -> ends.add(new Final(Kind.ACCEPT, q)));
        }
        Set<Kind> kinds = ends.stream().map(f -> f.p.dnat && f.kind == Kind.ACCEPT ? Kind.DNAT : f.kind)
                .collect(Collectors.toSet());
        if (kinds.size() != 1) {
            throw new AssertionError("branches end differently: " + ends);
        }
        Kind kind = kinds.iterator().next();
        Set<String> targets = new TreeSet<>();
        ends.stream().filter(f -> kind == Kind.DNAT).forEach(f -> targets.add(hostPort(f.p)));
        return new Verdict(kind, targets, ends.stream().anyMatch(f -> f.p.masq));
    }

    /** Runs the base chains of one hook in priority order; returns the branches that went on. */
    private List<Pkt> hook(String hook, List<Pkt> in, List<Final> ends) {
        List<String> chains = nft.dump(table).lines().map(BASE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(2).equals(hook))
                .sorted(Comparator.comparingInt(m -> Integer.parseInt(m.group(3))))
                .map(m -> m.group(1)).toList();
        List<Pkt> live = in;
        for (String chain : chains) {
            List<Pkt> next = new ArrayList<>();
            for (Pkt p : live) {
                for (Step s : run(chain, p, 0)) {
                    switch (s) {
                        case Final f when f.kind == Kind.ACCEPT -> next.add(f.p);
                        case Final f -> ends.add(f);
                        case Return r -> next.add(r.p);
                        default -> throw new IllegalStateException(s.toString());
                    }
                }
            }
            live = next;
        }
        return live;
    }

    /** The outcomes of a chain: Return (fell off the end or returned) or Final, per branch. */
    private List<Step> run(String chain, Pkt p, int depth) {
        if (depth > 16) {
            throw new AssertionError("jump loop at " + chain);
        }
        return runFrom(nft.rules(table, chain), 0, p, depth);
    }

    private List<Step> runFrom(List<String> chainRules, int i, Pkt p, int depth) {
        if (i == chainRules.size()) {
            return List.of(new Return(p));
        }
        List<Step> out = new ArrayList<>();
        for (Step s : eval(chainRules.get(i), p)) {
            switch (s) {
                case Next n -> out.addAll(runFrom(chainRules, i + 1, n.p, depth));
                case Jump j when j.isGoto -> out.addAll(run(j.chain, j.p, depth + 1));
                case Jump j -> {
                    for (Step r : run(j.chain, j.p, depth + 1)) {
                        out.addAll(r instanceof Return back ? runFrom(chainRules, i + 1, back.p, depth) : List.of(r));
                    }
                }
                default -> out.add(s);
            }
        }
        return out;
    }

    private List<Step> eval(String rule, Pkt p) {
        for (Rule r : rules) {
            Matcher m = r.pattern.matcher(rule);
            if (m.matches()) {
                return r.action.apply(m).apply(p);
            }
        }
        throw new AssertionError("the tracer does not know this rule shape: " + rule);
    }

    private void on(String regex, Function<Matcher, Function<Pkt, List<Step>>> action) {
        rules.add(new Rule(Pattern.compile(regex), action));
    }

    private void defineRules() {
        on("(?:ct state new )?(jump|goto) " + CHAIN, m -> p -> List.of(new Jump(m.group(2), p, m.group(1).equals("goto"))));
        on(IP + " daddr \\. meta l4proto \\. th dport vmap " + SET,
                m -> p -> lookup(m.group(1), p.daddr + " . " + p.proto + " . " + p.dport, p));
        on(IP + " daddr " + SET + " meta l4proto \\. th dport vmap " + SET,
                m -> p -> has(m.group(1), p.daddr) ? lookup(m.group(2), p.proto + " . " + p.dport, p) : next(p));
        on(IP + " daddr \\. meta l4proto \\. th dport " + SET + " jump " + CHAIN,
                m -> p -> has(m.group(1), p.daddr + " . " + p.proto + " . " + p.dport) ? jump(m.group(2), p) : next(p));
        on(IP + " daddr " + SET + " meta l4proto \\. th dport " + SET + " jump " + CHAIN, m -> p ->
                has(m.group(1), p.daddr) && has(m.group(2), p.proto + " . " + p.dport) ? jump(m.group(3), p) : next(p));
        on(IP + " daddr " + SET + " " + IP + " saddr != " + CIDRS + " jump " + CHAIN,
                m -> p -> has(m.group(1), p.daddr) && !in(m.group(2), p.saddr) ? jump(m.group(3), p) : next(p));
        on(IP + " daddr " + SET + " jump " + CHAIN, m -> p -> has(m.group(1), p.daddr) ? jump(m.group(2), p) : next(p));
        on(IP + " daddr " + SET + " reject", m -> p -> has(m.group(1), p.daddr) ? end(Kind.REJECT, p) : next(p));
        on(IP + " daddr " + CIDRS + " drop", m -> p -> in(m.group(1), p.daddr) ? end(Kind.DROP, p) : next(p));
        on(IP + " saddr != " + CIDRS + " drop", m -> p -> !in(m.group(1), p.saddr) ? end(Kind.DROP, p) : next(p));
        on(IP + " saddr " + CIDRS + " goto " + CHAIN, m -> p -> in(m.group(1), p.saddr) ? go(m.group(2), p) : next(p));
        on(IP + " saddr " + SET + " goto " + CHAIN, m -> p -> has(m.group(1), p.saddr) ? go(m.group(2), p) : next(p));
        on("fib saddr type local (jump|goto) " + CHAIN, m -> p -> localAddrs.contains(p.saddr)
                ? List.of(new Jump(m.group(2), p, m.group(1).equals("goto"))) : next(p));
        on("reject", m -> p -> end(Kind.REJECT, p));
        on("drop", m -> p -> end(Kind.DROP, p));
        on("mark set mark or 0x4000", m -> p -> next(p.mark(true)));
        on("mark and 0x4000 == 0 return", m -> p -> p.mark ? next(p) : List.of(new Return(p)));
        on("mark set mark xor 0x4000", m -> p -> next(p.mark(false)));
        on("masquerade fully-random", m -> p -> end(Kind.ACCEPT, p.masquerade()));
        on("ct status dnat " + IP + " saddr \\. " + IP + " daddr " + SET + " masquerade fully-random", m -> p ->
                p.dnat && has(m.group(1), p.saddr + " . " + p.daddr) ? end(Kind.ACCEPT, p.masquerade()) : next(p));
        on("update " + SET + " \\{ " + IP + " saddr \\}", m -> p -> next(p));
        on("meta l4proto (\\w+) dnat " + IP + " to " + IP + " daddr \\. th dport \\. numgen random mod (\\d+) map " + SET,
                m -> p -> numgenDnat(m.group(1), Integer.parseInt(m.group(2)), m.group(3), p));
        on("meta l4proto (\\w+) dnat to (\\S+)", m -> p -> p.proto.equals(m.group(1)) ? dnat(m.group(2), p) : next(p));
        on("numgen random mod (\\d+) vmap \\{ (.+) \\}", m -> p -> Arrays.stream(m.group(2).split(", "))
                .map(e -> e.split(" : ", 2)[1]).flatMap(v -> verdict(v, p).stream()).toList());
    }

    private List<Step> numgenDnat(String proto, int n, String map, Pkt p) {
        if (!p.proto.equals(proto)) {
            return next(p);
        }
        Map<String, String> backends = nft.elements(table, map);
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String to = backends.get(p.daddr + " . " + p.dport + " . " + i);
            if (to == null) {
                out.add(new Next(p)); // a map miss: the rule does nothing
            } else {
                String[] hp = to.split(" \\. ");
                out.add(new Final(Kind.ACCEPT, p.daddr(canon(hp[0]), Integer.parseInt(hp[1]))));
            }
        }
        return out;
    }

    private static List<Step> dnat(String hostPort, Pkt p) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return List.of(new Final(Kind.ACCEPT, p.daddr(canon(host), Integer.parseInt(hostPort.substring(colon + 1)))));
    }

    private List<Step> lookup(String map, String key, Pkt p) {
        String v = nft.elements(table, map).get(key);
        return v == null ? next(p) : verdict(v, p);
    }

    private static List<Step> verdict(String v, Pkt p) {
        String[] w = v.split(" ");
        return switch (w[0]) {
            case "goto" -> List.of(new Jump(w[1], p, true));
            case "jump" -> List.of(new Jump(w[1], p, false));
            case "drop" -> end(Kind.DROP, p);
            case "accept" -> end(Kind.ACCEPT, p);
            case "return" -> List.of(new Return(p));
            default -> throw new AssertionError("verdict " + v);
        };
    }

    private boolean has(String set, String key) {
        return nft.elements(table, set).containsKey(key);
    }

    private static boolean in(String cidrs, String addr) {
        Ip ip = Ip.of(addr);
        return Arrays.stream(cidrs.replace("{", "").replace("}", "").split(","))
                .map(String::strip).map(Cidr::of).anyMatch(c -> c.contains(ip));
    }

    private static List<Step> next(Pkt p) { return List.of(new Next(p)); }
    private static List<Step> jump(String c, Pkt p) { return List.of(new Jump(c, p, false)); }
    private static List<Step> go(String c, Pkt p) { return List.of(new Jump(c, p, true)); }
    private static List<Step> end(Kind k, Pkt p) { return List.of(new Final(k, p)); }

    private static String hostPort(Pkt p) {
        return (p.daddr.contains(":") ? "[" + p.daddr + "]" : p.daddr) + ":" + p.dport;
    }

    private static String canon(String addr) {
        return Ip.of(addr).toString();
    }
}
