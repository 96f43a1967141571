package dev.junction.agent.policy;

import static dev.junction.agent.policy.Stats.ms;

import dev.junction.agent.policy.FirewallSync.Phases;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.firewall.compile.FirewallNames;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.Family;
import dev.junction.nft.LibNft;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.desired.TableSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cold sync and pod churn, run on a thread inside one fresh network namespace (the LibNft built here belongs to
 * it). Cold: a {@link PolicyStore} holding the synthetic cluster, snapshot, compile and {@link TableSync#replaceAll}
 * on an empty kernel, as the firewall controller's first sync. Churn: events in turn add a pod on this node, add one elsewhere, relabel one on this node,
 * relabel one elsewhere (a new random app label); each is timed from the store update through the incremental
 * compile to the end of the kernel apply of the changed fragments. Last, the incremental state is compared with a
 * compile from scratch, and a full resync of the churned table checks that the kernel holds what the model says
 * (no element to change).
 */
final class ColdAndChurn {
    static final List<String> KINDS = List.of("add_local", "add_remote", "relabel_local", "relabel_remote");

    /** What one run measured. */
    record Result(Phases cold, long coldTextBytes, int chains, int elements, List<Phases> warmup, List<Phases> churn,
            List<String> kinds,
            Phases resync, int kernelChains, int kernelElements, boolean stateMatchesFreshCompile) {}

    private ColdAndChurn() {}

    /**
     * Must run inside the namespace ({@code NetNs.call}). {@code warmup} untimed events come first (their times are
     * kept apart); {@code events} may be 0 (cold sync only).
     */
    static Result run(SyntheticPolicies model, FirewallContext ctx, int warmup, int events, long seed) throws Exception {
        PolicyStore store = new PolicyStore();
        model.feed(store);
        TableRef ref = new TableRef(Family.IP, FirewallNames.TABLE);
        try (LibNft lib = new LibNft()) {
            TimedNft nft = new TimedNft(lib);
            FirewallSync sync = new FirewallSync(store, ctx, new TableSync(nft, ref), nft);
            Phases cold = sync.sync();
            long textBytes = nft.last() == null ? 0 : nft.last().toString().length();
            int chains = sync.table().chainCount();
            int elements = sync.table().elementCount();
            Random random = new Random(seed);
            List<PodInfo> local = new ArrayList<>();
            List<PodInfo> remote = new ArrayList<>();
            for (PodInfo p : model.pods) {
                if (p.name().startsWith("pod-")) {
                    (SyntheticPolicies.NODE.equals(p.nodeName()) ? local : remote).add(p);
                }
            }
            List<Phases> warm = new ArrayList<>();
            List<Phases> churn = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            int next = model.pods.size();
            for (int e = -warmup; e < events; e++) {
                String kind = KINDS.get(Math.floorMod(e, KINDS.size()));
                boolean isLocal = kind.endsWith("_local");
                List<PodInfo> pool = isLocal ? local : remote;
                PodInfo pod;
                int index = -1;
                if (kind.startsWith("add") || pool.isEmpty()) {
                    pod = model.regularPod(next++, isLocal, random);
                } else {
                    index = random.nextInt(pool.size());
                    PodInfo old = pool.get(index);
                    String app;
                    do {
                        app = SyntheticPolicies.randomApp(random);
                    } while (app.equals(old.labels().get("app")));
                    pod = SyntheticPolicies.relabel(old, app);
                }
                long t0 = System.nanoTime();
                store.putPod(pod);
                Phases p = sync.sync();
                long total = System.nanoTime() - t0;
                if (e < 0) {
                    warm.add(p.withTotal(total));
                } else {
                    churn.add(p.withTotal(total));
                    kinds.add(kind);
                }
                if (index >= 0) {
                    pool.set(index, pod);
                } else {
                    pool.add(pod);
                }
            }
            boolean fresh = sync.matchesFreshCompile();
            sync.table().requestFullSync();
            Phases resync = sync.sync();
            TableState kernel = lib.list(ref).orElseThrow();
            int kernelElements = kernel.sets().values().stream().mapToInt(Map::size).sum();
            return new Result(cold, textBytes, chains, elements, warm, churn, kinds, resync, kernel.chains().size(),
                    kernelElements, fresh);
        }
    }

    /** The phases of one sync as report fields. */
    static Map<String, Object> phases(Phases p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_ms", ms(p.totalNanos()));
        m.put("take_changes_ms", ms(p.takeNanos()));
        m.put("compile_ms", ms(p.compileNanos()));
        m.put("collect_ms", ms(p.collectNanos()));
        m.put("table_sync_ms", ms(p.syncNanos()));
        m.put("plan_render_ms", ms(p.planNanos()));
        m.put("nft_kernel_ms", ms(p.nftNanos()));
        m.put("nft_list_ms", ms(p.nftListNanos()));
        m.put("cpu_ms", ms(p.cpuNanos()));
        m.put("gc_ms", p.gcMillis());
        m.put("fragments", p.fragments());
        m.put("fragments_sent", p.changed());
        m.put("operations", p.result().operations());
        m.put("chains_written", p.result().chainsWritten());
        m.put("elements_changed", p.result().elementsChanged());
        return m;
    }

    /** Percentiles of the churn events, overall and per phase. */
    static Map<String, Object> churn(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", r.churn().size());
        m.put("all_partial", r.churn().stream().noneMatch(Phases::full));
        m.put("total", Stats.summary(values(r.churn(), Phases::totalNanos), "ms"));
        m.put("compile", Stats.summary(values(r.churn(), Phases::compileNanos), "ms"));
        m.put("take_changes", Stats.summary(values(r.churn(), Phases::takeNanos), "ms"));
        m.put("plan_render", Stats.summary(values(r.churn(), Phases::planNanos), "ms"));
        m.put("nft_kernel", Stats.summary(values(r.churn(), Phases::nftNanos), "ms"));
        m.put("cpu", Stats.summary(values(r.churn(), Phases::cpuNanos), "ms"));
        m.put("gc", Stats.summary(r.churn().stream().mapToDouble(Phases::gcMillis).toArray(), "ms"));
        m.put("events_with_gc", r.churn().stream().filter(p -> p.gcMillis() > 0).count());
        m.put("fragments_sent_p50", Stats.percentile(r.churn().stream().mapToDouble(Phases::changed).toArray(), 0.5));
        m.put("operations_p50", Stats.percentile(
                r.churn().stream().mapToDouble(p -> p.result().operations()).toArray(), 0.5));
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (String kind : KINDS) {
            List<Phases> of = new ArrayList<>();
            for (int i = 0; i < r.churn().size(); i++) {
                if (r.kinds().get(i).equals(kind)) {
                    of.add(r.churn().get(i));
                }
            }
            byKind.put(kind, Stats.summary(values(of, Phases::totalNanos), "ms"));
        }
        m.put("by_kind", byKind);
        m.put("samples_ms", java.util.Arrays.stream(values(r.churn(), Phases::totalNanos)).map(Stats::round).boxed().toList());
        return m;
    }

    static double[] values(List<Phases> phases, java.util.function.ToLongFunction<Phases> f) {
        return phases.stream().mapToDouble(p -> f.applyAsLong(p) / 1e6).toArray();
    }
}
