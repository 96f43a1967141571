// IP plan: see GoldenScenario (node-a pods 10.244.1.0/24, node-b pods 10.244.2.0/24, node 192.168.1.1).
package dev.junction.firewall;

import dev.junction.nft.GoldenFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.firewall.FirewallTracer.Hook;
import dev.junction.firewall.FirewallTracer.Packet;
import dev.junction.firewall.FirewallTracer.Result;
import dev.junction.firewall.FirewallTracer.Verdict;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.nft.FakeNft;
import dev.junction.nft.Op;
import dev.junction.nft.TableRef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiler on {@link GoldenScenario}: the whole table against a golden file, what the table does to packets, and
 * what an incremental sync through {@link TableSync#update} sends when one object changes.
 */
@Tag("unit")
class FirewallCompilerTest {
    private static final Pattern SET_REF = Pattern.compile("@([\\w./-]+)");

    private static FakeNft applied(GoldenScenario s) throws Exception {
        FakeNft nft = new FakeNft();
        for (IpFamily f : IpFamily.values()) {
            new TableSync(nft, SimulatedCluster.table(f)).replaceAll(s.compile(f));
        }
        return nft;
    }

    @Test
    void goldenTable() throws Exception {
        FakeNft nft = applied(new GoldenScenario());
        GoldenFile.assertMatches("firewall.nft", nft.dump(SimulatedCluster.table(IpFamily.V4))
                + nft.dump(SimulatedCluster.table(IpFamily.V6)));
    }

    @Test
    void commentsAndLogPrefixesFitNftsLimitsWhateverTheNames() throws Exception {
        GoldenScenario s = new GoldenScenario().withLongestNames();
        assertThat(s.pods.keySet()).anyMatch(k -> k.length() == 63 + 1 + 253);
        FakeNft nft = applied(s);
        Pattern quoted = Pattern.compile("(comment|prefix) \"([^\"]*)\"");
        List<String> texts = new java.util.ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            TableRef t = SimulatedCluster.table(f);
            nft.chains(t).forEach(c -> nft.rules(t, c).forEach(r -> quoted.matcher(r).results()
                    .forEach(m -> texts.add(m.group(1) + " " + m.group(2)))));
        }
        assertThat(texts).anyMatch(x -> x.startsWith("comment " + "n".repeat(63) + "/"))
                .anyMatch(x -> x.startsWith("prefix junction ingress drop " + "n".repeat(63) + "/"))
                .allSatisfy(x -> assertThat(x.startsWith("comment ") ? x.length() - 8 : x.length() - 7)
                        .as(x).isLessThanOrEqualTo(x.startsWith("comment ") ? 128 : 127));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}/{3} {4}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            10.244.2.20    | 10.244.1.10        | tcp | 9090 | FORWARD | ACCEPT | shop/web-ingress ingress[1]
            10.244.2.20    | 10.244.1.10        | tcp | 9092 | FORWARD | DROP   | junction ingress drop shop/web-0
            203.0.113.5    | 10.244.1.10        | tcp | 8080 | FORWARD | ACCEPT | shop/web-ingress ingress[0]
            203.0.113.5    | 10.244.1.10        | tcp | 80   | FORWARD | DROP   | junction ingress drop shop/web-0
            10.1.2.3       | 10.244.1.10        | tcp | 8080 | FORWARD | DROP   | junction ingress drop shop/web-0
            192.168.7.7    | 10.244.1.10        | tcp | 8080 | FORWARD | DROP   | junction ingress drop shop/web-0
            10.244.2.10    | 10.244.1.11        | tcp | 5432 | FORWARD | ACCEPT | shop/db-access ingress[0]
            10.244.2.20    | 10.244.1.11        | tcp | 5432 | FORWARD | DROP   | junction ingress drop shop/db-0
            192.168.1.2    | 10.244.1.11        | tcp | 5432 | FORWARD | DROP   | junction ingress drop shop/db-0
            10.244.1.11    | 10.244.2.10        | tcp | 8080 | FORWARD | ACCEPT | shop/db-access egress[1]
            10.244.1.11    | 10.244.2.10        | tcp | 80   | FORWARD | DROP   | junction egress drop shop/db-0
            10.244.1.11    | 192.168.1.1        | tcp | 9100 | INPUT   | DROP   | junction egress drop shop/db-0
            10.244.1.11    | 8.8.8.8            | udp | 53   | FORWARD | ACCEPT | shop/db-access egress[0]
            10.244.1.11    | 203.0.113.9        | tcp | 443  | FORWARD | ACCEPT | shop/db-access egress[2]
            10.244.1.11    | 203.0.113.9        | udp | 443  | FORWARD | DROP   | junction egress drop shop/db-0
            10.244.1.11    | 192.168.1.1        | udp | 53   | INPUT   | ACCEPT | shop/db-access egress[0]
            10.244.1.11    | 10.244.1.10        | tcp | 8080 | FORWARD | DROP   | junction ingress drop shop/web-0
            10.244.1.10    | 10.244.1.10        | tcp | 1234 | FORWARD | ACCEPT | a pod may always reach itself
            10.244.1.12    | 8.8.8.8            | tcp | 443  | FORWARD | ACCEPT | forward: policy accept
            10.244.1.99    | 8.8.8.8            | tcp | 443  | FORWARD | DROP   | saddr != @local-pods drop
            10.244.1.99    | 192.168.1.1        | tcp | 22   | INPUT   | DROP   | saddr != @local-pods drop
            8.8.8.8        | 10.244.1.99        | tcp | 80   | FORWARD | DROP   | daddr != @local-pods drop
            2001:db8::1    | fd00:10:244:1::10  | tcp | 8080 | FORWARD | DROP   | junction ingress drop shop/web-0
            fd00:10:244:1::12 | 2001:db8::1     | udp | 53   | FORWARD | ACCEPT | forward: policy accept
            """)
    void goldenTableJudgesPackets(String src, String dst, String proto, int port, Hook hook, Verdict expected,
            String traced) throws Exception {
        IpFamily f = src.contains(":") ? IpFamily.V6 : IpFamily.V4;
        Result r = new FirewallTracer(applied(new GoldenScenario()), SimulatedCluster.table(f))
                .trace(Packet.of(src, dst, proto, port, hook).via("veth"));
        assertThat(r.verdict()).as(r.text()).isEqualTo(expected);
        assertThat(r.trace()).as(r.text()).anyMatch(l -> l.contains(traced));
    }

    /** One change to the scenario, and what its sync may touch beyond set elements. */
    record Change(String name, Consumer<GoldenScenario> edit, List<String> pods, String policy) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                new Change("local pod relabelled", s -> s.relabel("shop/web-0", Map.of("app", "db")), List.of("shop/web-0"), null),
                new Change("local pod loses its policy", s -> s.relabel("shop/web-0", Map.of("app", "api")), List.of("shop/web-0"), null),
                new Change("remote pod relabelled", s -> s.relabel("shop/web-1", Map.of("app", "api")), List.of(), null),
                new Change("remote pod removed", s -> s.pods.remove("shop/web-1"), List.of(), null),
                new Change("namespace relabelled", s -> s.namespace("monitoring", Map.of("team", "other")), List.of(), null),
                new Change("local pod added", s -> s.pod("shop", "web-2", Map.of("app", "web"), GoldenScenario.NODE,
                        List.of(), "10.244.1.13"), List.of("shop/web-2"), null),
                new Change("policy port changed", s -> s.policy("shop", "web-ingress", GoldenScenario.labels("app", "web"), true,
                        false, List.of(GoldenScenario.rule(List.of(), GoldenScenario.port(Protocol.TCP, 8443, null, 0))), List.of()),
                        List.of(), "shop/web-ingress"),
                new Change("policy removed", s -> s.policies.remove("shop/db-access"), List.of(), "shop/db-access"),
                new Change("policy added", s -> s.policy("shop", "cache-egress", GoldenScenario.labels("app", "cache"), false,
                        true, List.of(), List.of(GoldenScenario.rule(List.of(new dev.junction.model.policy.PolicyPeer.Pods(
                                GoldenScenario.labels("app", "db"), null))))), List.of(), "shop/cache-egress"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anIncrementalSyncTouchesOnlyWhatTheChangeConcerns(Change change) throws Exception {
        int sent = 0;
        for (IpFamily f : IpFamily.values()) {
            TableRef table = SimulatedCluster.table(f);
            GoldenScenario s = new GoldenScenario();
            SortedMap<String, Fragment> before = s.compile(f);
            FakeNft nft = new FakeNft();
            TableSync sync = new TableSync(nft, table);
            sync.replaceAll(before);
            Set<String> allowedChains = new HashSet<>(chainsOf(nft, table, change.pods(), s));
            Set<String> allowedSets = new HashSet<>(change.policy() == null ? Set.of() : setsOf(nft, table, change.policy()));
            allowedChains.forEach(c -> allowedSets.addAll(setsOfChain(nft, table, c)));
            if (change.policy() != null) {
                allowedChains.addAll(chainsOf(nft, table, selected(s, change.policy()), s));
            }
            change.edit().accept(s);
            SortedMap<String, Fragment> after = s.compile(f);
            Map<String, Fragment> changed = new TreeMap<>();
            after.forEach((owner, frag) -> {
                if (!frag.equals(before.get(owner))) {
                    changed.put(owner, frag);
                }
            });
            before.keySet().stream().filter(o -> !after.containsKey(o)).forEach(o -> changed.put(o, Fragment.EMPTY));
            int transactions = nft.transactions();
            sync.update(changed);
            FakeNft fresh = new FakeNft();
            new TableSync(fresh, table).replaceAll(after);
            assertThat(nft.dump(table)).as("incremental = full sync, " + f).isEqualTo(fresh.dump(table));

            allowedChains.addAll(chainsOf(nft, table, change.pods(), s));
            if (change.policy() != null) {
                allowedChains.addAll(chainsOf(nft, table, selected(s, change.policy()), s));
                allowedSets.addAll(setsOf(nft, table, change.policy()));
            }
            allowedChains.forEach(c -> allowedSets.addAll(setsOfChain(nft, table, c)));
            if (nft.transactions() == transactions) {
                continue; // nothing to send for this family
            }
            sent++;
            Set<String> elementSets = new HashSet<>(allowedSets);
            elementSets.addAll(List.of("ingress-pods", "egress-pods"));
            for (Op op : nft.lastTransaction().ops()) {
                if (change.policy() != null && op instanceof Op.AddElement e) {
                    assertThat(elementSets).as(f + " " + op.render(table)).contains(e.set());
                }
                if (change.policy() != null && op instanceof Op.DeleteElement e) {
                    assertThat(elementSets).as(f + " " + op.render(table)).contains(e.set());
                }
                switch (op) {
                    case Op.AddRule r -> assertThat(allowedChains).as(f + " " + op.render(table)).contains(r.chain());
                    case Op.AddChain c -> assertThat(allowedChains).as(f + " " + op.render(table)).contains(c.name());
                    case Op.FlushChain c -> assertThat(allowedChains).as(f + " " + op.render(table)).contains(c.name());
                    case Op.DeleteChain c -> assertThat(allowedChains).as(f + " " + op.render(table)).contains(c.name());
                    case Op.AddSet d -> assertThat(allowedSets).as(f + " " + op.render(table)).contains(d.name());
                    case Op.DeleteSet d -> assertThat(allowedSets).as(f + " " + op.render(table)).contains(d.name());
                    case Op.AddElement e -> { } // after a pod change anywhere: that is what the shared sets are for
                    case Op.DeleteElement e -> { }
                    default -> throw new AssertionError(f + ": unexpected operation " + op.render(table));
                }
            }
        }
        assertThat(sent).as("the change reached the table").isPositive();
    }

    /** The chains the dispatch maps send a pod's addresses to. */
    private static Set<String> chainsOf(FakeNft nft, TableRef table, List<String> podKeys, GoldenScenario s) {
        Set<String> out = new HashSet<>();
        for (String key : podKeys) {
            var pod = s.pods.get(key);
            if (pod == null) {
                continue;
            }
            for (String map : List.of("ingress-pods", "egress-pods")) {
                pod.ips().forEach(ip -> {
                    String v = nft.elements(table, map).get(ip.toString());
                    if (v != null) {
                        out.add(v.substring("jump ".length()));
                    }
                });
            }
        }
        return out;
    }

    private static List<String> selected(GoldenScenario s, String policy) {
        var p = s.policies.get(policy);
        return p == null ? List.of() : s.pods.values().stream()
                .filter(x -> x.namespace().equals(p.namespace()) && p.podSelector().matches(x.labels())).map(x -> x.key()).toList();
    }

    /** The sets a policy's rules use, found by the comment every rule carries. */
    private static Set<String> setsOf(FakeNft nft, TableRef table, String policy) {
        Set<String> out = new HashSet<>();
        for (String chain : nft.chains(table)) {
            nft.rules(table, chain).stream().filter(r -> r.contains("comment \"" + policy + " "))
                    .forEach(r -> SET_REF.matcher(r).results().forEach(m -> out.add(m.group(1))));
        }
        return out;
    }

    private static Set<String> setsOfChain(FakeNft nft, TableRef table, String chain) {
        Set<String> out = new HashSet<>();
        nft.rules(table, chain).forEach(r -> SET_REF.matcher(r).results().forEach(m -> out.add(m.group(1))));
        return out;
    }
}
