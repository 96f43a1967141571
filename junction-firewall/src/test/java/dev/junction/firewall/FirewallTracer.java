package dev.junction.firewall;

import dev.junction.firewall.TracedRules.Continue;
import dev.junction.firewall.TracedRules.Field;
import dev.junction.firewall.TracedRules.Final;
import dev.junction.firewall.TracedRules.Rule;
import dev.junction.firewall.TracedRules.SetType;
import dev.junction.firewall.TracedRules.Vmap;
import dev.junction.nft.Canonical;
import dev.junction.nft.Family;
import dev.junction.nft.FakeNft;
import dev.junction.nft.TableRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the first packet of a connection through the firewall table a {@link FakeNft} holds and says whether it
 * is accepted or dropped, with the trace of every rule that matched (comments included). Like the proxy's tracer it
 * does not parse nftables in general: it knows exactly the rule shapes the firewall compiler writes and throws
 * {@link IllegalStateException} on anything else, so a new shape forces an update here instead of being guessed at.
 *
 * <p>Known: {@code ct state a,b}; {@code meta iif NAME}; {@code meta l4proto P}; {@code ip saddr|daddr [!=] @set}
 * and {@code ... ADDR[/LEN]}; {@code ip daddr . meta l4proto . th dport @set}; {@code tcp|udp|sctp dport N[-M]};
 * {@code ip saddr|daddr vmap @map} (accept, drop, return, jump); {@code limit rate N/unit burst N packets} and
 * {@code log [prefix "..."] [group N]} as no-ops (the limit is taken as never exceeded); verdicts accept, drop,
 * return, jump; a trailing {@code comment "..."}. Set lookups honour intervals (ranges, prefixes) and
 * concatenations part by part, and check that a rule's key type is the set's declared type (which the fake does
 * not check and the kernel does). Base chains of one hook run in priority order; a base chain ends in its policy.
 */
final class FirewallTracer {
    enum Hook { FORWARD, INPUT }

    enum Verdict { ACCEPT, DROP }

    /** The first packet of a connection; {@code iif} is the input interface, {@code ctState} usually "new". */
    record Packet(String saddr, String daddr, String protocol, int dport, Hook hook, String iif, String ctState) {
        static Packet of(String saddr, String daddr, String protocol, int dport, Hook hook) {
            return new Packet(saddr, daddr, protocol, dport, hook, "eth0", "new");
        }

        Packet via(String interfaceName) {
            return new Packet(saddr, daddr, protocol, dport, hook, interfaceName, ctState);
        }

        @Override
        public String toString() {
            return hook.name().toLowerCase() + " " + saddr + " -> " + daddr + " " + protocol + "/" + dport + " iif "
                    + iif + " ct " + ctState;
        }
    }

    record Result(Verdict verdict, List<String> trace) {
        String text() {
            return verdict + "\n  " + String.join("\n  ", trace);
        }
    }

    private enum Outcome { ACCEPT, DROP, RETURN }

    private record Base(String name, String hook, int priority, Outcome policy) {}
    private record SetInfo(List<String> type, boolean isMap, List<Map.Entry<List<String>, String>> elements) {}

    private static final Pattern BASE = Pattern.compile(
            "(\\S+) \\{ type filter hook (\\w+) priority (-?\\d+) ; policy (accept|drop) ; \\}");
    private static final Pattern SET = Pattern.compile(
            "(\\S+) \\{ type ([^:;]+?)( : verdict)? ;( flags ([a-z,]+) ;)? \\}");

    private final TableRef table;
    private final String ip;
    private final String addrType;
    private final List<Base> bases = new ArrayList<>();
    private final Map<String, SetInfo> sets = new HashMap<>();
    private final Map<String, List<Rule>> chains = new HashMap<>();

    /** Snapshots the table as it is now: build a new tracer after every sync. */
    FirewallTracer(FakeNft nft, TableRef table) {
        this.table = table;
        if (table.family() != Family.IP && table.family() != Family.IP6) {
            throw new IllegalStateException("the tracer knows ip and ip6 tables only: " + table.spec());
        }
        this.ip = table.family() == Family.IP ? "ip" : "ip6";
        this.addrType = table.family() == Family.IP ? "ipv4_addr" : "ipv6_addr";
        for (String line : nft.dump(table).lines().toList()) {
            definition(line, nft);
        }
        for (String chain : nft.chains(table)) {
            List<Rule> rules = new ArrayList<>();
            for (String text : nft.rules(table, chain)) {
                rules.add(parse(text));
            }
            chains.put(chain, rules);
        }
        bases.sort(Comparator.comparingInt(Base::priority));
    }

    private void definition(String line, FakeNft nft) {
        String chainPrefix = "add chain " + table.spec() + " ";
        String setPrefix = "add set " + table.spec() + " ";
        String mapPrefix = "add map " + table.spec() + " ";
        if (line.startsWith(chainPrefix)) {
            String rest = line.substring(chainPrefix.length());
            Matcher m = BASE.matcher(rest);
            if (m.matches()) {
                bases.add(new Base(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                        m.group(4).equals("accept") ? Outcome.ACCEPT : Outcome.DROP));
            } else if (rest.contains(" ")) {
                throw new IllegalStateException("unknown chain definition: " + line);
            }
        } else if (line.startsWith(setPrefix) || line.startsWith(mapPrefix)) {
            boolean map = line.startsWith(mapPrefix);
            Matcher m = SET.matcher(line.substring(setPrefix.length()));
            if (!m.matches() || map != (m.group(3) != null)
                    || m.group(5) != null && !m.group(5).equals("interval")) {
                throw new IllegalStateException("unknown set definition: " + line);
            }
            List<String> type = Canonical.typeParts(m.group(2));
            List<Map.Entry<List<String>, String>> elements = new ArrayList<>();
            nft.elements(table, m.group(1)).forEach((k, v) -> elements.add(Map.entry(Canonical.keyParts(k), v)));
            sets.put(m.group(1), new SetInfo(type, map, elements));
        } else if (!line.startsWith("add table ") && !line.startsWith("add rule ") && !line.startsWith("add element ")) {
            throw new IllegalStateException("unknown table content: " + line);
        }
    }

    /** The fate of {@code p}: every base chain of its hook, in priority order, until one drops it. */
    Result trace(Packet p) {
        Packet c = new Packet(Canonical.part(addrType, p.saddr(), false), Canonical.part(addrType, p.daddr(), false),
                Canonical.protocol(p.protocol()), p.dport(), p.hook(), p.iif(), p.ctState());
        List<String> trace = new ArrayList<>();
        trace.add(table.spec() + ": " + c);
        String hook = p.hook().name().toLowerCase();
        boolean any = false;
        for (Base b : bases) {
            if (b.hook().equals(hook)) {
                any = true;
                trace.add("base chain " + b.name() + " (hook " + hook + ", priority " + b.priority() + ")");
                if (run(b.name(), c, trace, 0) == Outcome.DROP) {
                    return new Result(Verdict.DROP, trace);
                }
            }
        }
        if (!any) {
            trace.add("no base chain on hook " + hook);
        }
        return new Result(Verdict.ACCEPT, trace);
    }

    private Outcome run(String chain, Packet p, List<String> trace, int depth) {
        if (depth > 16) {
            throw new IllegalStateException("jumps nest deeper than the kernel allows at " + chain);
        }
        List<Rule> rules = chains.get(chain);
        if (rules == null) {
            throw new IllegalStateException("no chain " + chain);
        }
        Base base = bases.stream().filter(b -> b.name().equals(chain)).findFirst().orElse(null);
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (!r.matches().stream().allMatch(m -> m.test(p))) {
                continue;
            }
            trace.add(chain + "[" + i + "]: " + r.text());
            String verdict = switch (r.action()) {
                case Continue x -> null;
                case Final f -> f.verdict();
                case Vmap v -> lookupValue(v, p, trace);
            };
            Outcome o = verdict == null ? null : apply(verdict, p, trace, depth);
            if (o == Outcome.RETURN && base == null || o == Outcome.ACCEPT || o == Outcome.DROP) {
                return o;
            }
            if (o == Outcome.RETURN) {
                break; // return in a base chain: its policy
            }
        }
        if (base != null) {
            trace.add(chain + ": policy " + base.policy().name().toLowerCase());
            return base.policy();
        }
        trace.add(chain + ": end, return");
        return Outcome.RETURN;
    }

    /** The outcome of a verdict; null when a jump came back (go on with the next rule). */
    private Outcome apply(String verdict, Packet p, List<String> trace, int depth) {
        if (verdict.startsWith("jump ")) {
            Outcome o = run(verdict.substring(5), p, trace, depth + 1);
            return o == Outcome.RETURN ? null : o;
        }
        return switch (verdict) {
            case "accept" -> Outcome.ACCEPT;
            case "drop" -> Outcome.DROP;
            case "return" -> Outcome.RETURN;
            default -> throw new IllegalStateException("unknown verdict " + verdict);
        };
    }

    private String lookupValue(Vmap v, Packet p, List<String> trace) {
        List<String> hits = hits(sets.get(v.map()), v.key(), p).stream().distinct().toList();
        if (hits.size() > 1) {
            throw new IllegalStateException("ambiguous map " + v.map() + " for " + p + ": " + hits);
        }
        trace.add("  @" + v.map() + (hits.isEmpty() ? ": no element, next rule" : " -> " + hits.getFirst()));
        return hits.isEmpty() ? null : hits.getFirst();
    }

    /** The values of the elements matching the packet's key (intervals and concatenations part by part). */
    private List<String> hits(SetInfo set, List<Field> key, Packet p) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<List<String>, String> e : set.elements()) {
            boolean all = e.getKey().size() == key.size();
            for (int i = 0; all && i < key.size(); i++) {
                all = TracedRules.partMatches(set.type().get(i), e.getKey().get(i), TracedRules.value(key.get(i), p));
            }
            if (all) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private Rule parse(String text) {
        return TracedRules.parse(text, ip, addrType, new TracedRules.Sets() {
            @Override
            public SetType type(String name) {
                SetInfo s = sets.get(name);
                return s == null ? null : new SetType(s.type(), s.isMap());
            }

            @Override
            public List<String> hits(String set, List<Field> key, Packet p) {
                return FirewallTracer.this.hits(sets.get(set), key, p);
            }
        });
    }
}
