package dev.junction.agent.policy;

import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.firewall.compile.FirewallNames;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.Family;
import dev.junction.nft.LibNft;
import dev.junction.nft.NetNs;
import dev.junction.nft.TableRef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * First-packet latency: new TCP connections (connect and first byte) from the client pod to the server pod across
 * the node's bridge, in three test beds side by side ({@link FirstPacket}): one without a firewall table, one with
 * the firewall compiled from the cluster without policies, one with its N policies (some of which select the pair).
 * The beds take turns connection by connection (the order rotating), so that the machine's drift and bursts of
 * other load fall on all cases alike. Before measuring, each bed's firewall is checked to be in the packet path:
 * with the policies the client reaches the allowed port and not the other one, without them it reaches both.
 */
final class FirstPacketBench {
    static final List<String> CASES = List.of("no_firewall", "policies_0", "policies_n");
    private static final int WARMUP = 200;

    private FirstPacketBench() {}

    static Map<String, Object> run(dev.junction.agent.bench.BenchNamespaces namespaces, SyntheticPolicies model, FirewallContext ctx, int samples,
            PrintStream log) throws Exception {
        PolicyStore store = new PolicyStore();
        model.feed(store);
        PolicySnapshot snap = store.snapshot();
        Map<String, SortedMap<String, Fragment>> compiled = Map.of(
                "policies_0", FirewallCompiler.compile(snap.pods(), snap.namespaces(), Map.of(), ctx),
                "policies_n", FirewallCompiler.compile(snap.pods(), snap.namespaces(), snap.policies(), ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        List<FirstPacket> beds = new ArrayList<>();
        List<FirstPacket.Client> clients = new ArrayList<>();
        try {
            for (String c : CASES) {
                FirstPacket bed = FirstPacket.build(namespaces, c.replace("_", ""));
                beds.add(bed);
                if (compiled.containsKey(c)) {
                    program(bed.nodeNamespace(), compiled.get(c));
                }
            }
            out.put("bridge_nf_call_iptables", Integer.parseInt(beds.get(2).bridgeNfCallIptables()));
            boolean allowed = beds.get(2).reaches(SyntheticPolicies.PORT, 2000);
            boolean dropped = !beds.get(2).reaches(SyntheticPolicies.DENIED_PORT, 300);
            boolean openWithout = beds.get(1).reaches(SyntheticPolicies.DENIED_PORT, 2000);
            out.put("allowed_port_reached_with_policies", allowed);
            out.put("denied_port_dropped_with_policies", dropped);
            out.put("denied_port_reached_without_policies", openWithout);
            out.put("firewall_enforced", allowed && dropped && openWithout);
            if (!allowed) {
                throw new IllegalStateException("with the policies the client cannot reach the server's allowed port");
            }
            for (FirstPacket bed : beds) {
                clients.add(bed.client());
            }
            log.printf(Locale.ROOT, "bench: first packet: %d warm-up and %d timed connections per case, taking turns%n",
                    WARMUP, samples);
            interleave(clients, WARMUP);
            List<double[]> timed = interleave(clients, samples);
            for (int c = 0; c < CASES.size(); c++) {
                out.put(CASES.get(c), Stats.summary(timed.get(c), "us"));
            }
            out.put("warmup_per_case", WARMUP);
            out.put("chains_with_policies", compiled.get("policies_n").values().stream().mapToInt(f -> f.chains().size()).sum());
            out.put("server_ingress_rules", rulesOf(compiled.get("policies_n"), "pod:" + SyntheticPolicies.SERVER));
            out.put("client_egress_rules", rulesOf(compiled.get("policies_n"), "pod:" + SyntheticPolicies.CLIENT));
        } finally {
            for (FirstPacket.Client c : clients) {
                c.close();
            }
            for (FirstPacket bed : beds) {
                bed.close();
            }
        }
        return out;
    }

    /** {@code n} connections per client, one at a time, the clients taking turns in a rotating order. */
    private static List<double[]> interleave(List<FirstPacket.Client> clients, int n) throws Exception {
        List<double[]> out = new ArrayList<>();
        clients.forEach(c -> out.add(new double[n]));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < clients.size(); k++) {
                int c = (i + k) % clients.size();
                out.get(c)[i] = clients.get(c).measure(1)[0];
            }
        }
        return out;
    }

    /** Programs a node's table with a full sync, from a thread inside it (the LibNft built there belongs to it). */
    private static void program(String node, SortedMap<String, Fragment> fragments) throws Exception {
        NetNs.call(node, () -> {
            try (LibNft lib = new LibNft()) {
                new TableSync(lib, new TableRef(Family.IP, FirewallNames.TABLE)).replaceAll(fragments);
            }
            return null;
        });
    }

    /** The rules of the chains of one owner (a pod's ingress and egress chains). */
    private static int rulesOf(SortedMap<String, Fragment> fragments, String owner) {
        Fragment f = fragments.get(owner);
        return f == null ? 0 : f.chains().values().stream().mapToInt(c -> c.rules().size()).sum();
    }
}
