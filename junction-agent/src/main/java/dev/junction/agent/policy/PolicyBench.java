package dev.junction.agent.policy;

import static dev.junction.agent.policy.Stats.ms;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.model.IpFamily;
import dev.junction.nft.LibNft;
import dev.junction.nft.NetNs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction bench policy}: the firewall at N policies over M pods, in throw-away network namespaces (the root
 * namespace's nftables are never touched), deleted at the end, on failure and on Ctrl-C. A benchmark, not a test:
 * it reports and asserts nothing about time.
 *
 * <ol>
 *   <li>cold sync (namespace {@code cold}): store, snapshot, compile, {@code TableSync.replaceAll} into an empty
 *       kernel, with the JVM cold as at the agent's start; then pod churn there ({@link ColdAndChurn}), after
 *       untimed warm-up events; then the same cold sync again in a fresh namespace, with the JIT warm;
 *   <li>first packet ({@link FirstPacketBench}): three test beds of node, client and server namespaces, new TCP
 *       connections with no firewall, with 0 and with N policies, taking turns.
 * </ol>
 * Targets of the issue (at 1,000 policies over 5,000 pods): cold sync under 2 s, pod churn p99 under 10 ms,
 * first-packet p99 with the policies at most 1.2 times the value without.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the NetworkPolicy firewall: cold sync, pod churn and first-packet latency.",
            "Runs in throw-away network namespaces (needs root); writes its figures as JSON."})
public final class PolicyBench implements Callable<Integer> {
    @Option(names = "--policies", required = true, description = "NetworkPolicies (N).")
    int policies;

    @Option(names = "--pods", required = true, description = "Pods (M), over max(3, M/500) namespaces; 1 in 20 on this node.")
    int pods;

    @Option(names = "--json", required = true, description = "Where to write the figures (JSON).")
    Path json;

    @Option(names = "--churn", defaultValue = "200",
            description = "Pod churn events to time (default ${DEFAULT-VALUE}; at least 200 for a p99).")
    int churn;

    @Option(names = "--samples", defaultValue = "10000",
            description = "New connections timed per first-packet case (default ${DEFAULT-VALUE}: at 2,000 a p99 rests"
                    + " on 20 samples, which scheduling noise on a small shared machine decides).")
    int samples;

    @Option(names = "--churn-warmup", defaultValue = "200",
            description = "Untimed churn events before the timed ones, so that the JIT has compiled the incremental"
                    + " path as in a running agent (default ${DEFAULT-VALUE}; reported apart).")
    int churnWarmup;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the churn sequence.")
    long seed;

    private final PrintStream log = System.err;

    @Override
    public Integer call() {
        String problem = pods < 10 ? "--pods must be at least 10: " + pods
                : policies < 1 ? "--policies must be at least 1: " + policies
                : churn < 1 ? "--churn must be at least 1: " + churn
                : churnWarmup < 0 ? "--churn-warmup must not be negative: " + churnWarmup
                : samples < 10 ? "--samples must be at least 10: " + samples : null;
        if (problem != null) {
            log.println("bench policy: " + problem);
            return 2;
        }
        if (!ProcessHandle.current().info().user().map("root"::equals).orElse(true)) {
            log.println("bench policy: needs root (it creates network namespaces and programs nftables in them)");
            return 2;
        }
        if (!LibNft.available()) {
            log.println("bench policy: libnftables.so.1 cannot be loaded");
            return 2;
        }
        if (churn < 200) {
            log.println("bench policy: note: " + churn + " churn events (< 200): the p99 is no more than a rough figure");
        }
        try {
            Map<String, Object> report = run();
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
            System.out.print(summary(report));
            System.out.println("  report             " + json);
            return 0;
        } catch (Exception e) {
            log.println("bench policy: failed: " + e);
            e.printStackTrace(log);
            return 1;
        }
    }

    /** Runs the whole benchmark and returns the report. */
    Map<String, Object> run() throws Exception {
        SyntheticPolicies model = new SyntheticPolicies(pods, policies);
        FirewallContext ctx = new FirewallContext(IpFamily.V4, SyntheticPolicies.NODE, SyntheticPolicies.podCidrs(), false);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "policy");
        r.put("started_at", Instant.now().toString());
        r.put("policies", policies);
        r.put("pods", pods);
        r.put("namespaces", model.namespaces);
        r.put("local_pods", model.localPods());
        r.put("churn_events", churn);
        r.put("churn_warmup_events", churnWarmup);
        r.put("samples", samples);
        r.put("seed", seed);
        r.put("load_average_at_start", loadAverage());
        try (dev.junction.agent.bench.BenchNamespaces namespaces = new dev.junction.agent.bench.BenchNamespaces()) {
            String cold = namespaces.create("cold");
            log.printf(Locale.ROOT, "bench: cold sync of %d policies over %d pods (%d on this node) in %s%n", policies,
                    pods, model.localPods(), cold);
            ColdAndChurn.Result first = NetNs.call(cold, () -> ColdAndChurn.run(model, ctx, churnWarmup, churn, seed));
            namespaces.delete(cold);
            String again = namespaces.create("repeat");
            ColdAndChurn.Result repeat = NetNs.call(again, () -> ColdAndChurn.run(model, ctx, 0, 0, seed));
            namespaces.delete(again);
            Map<String, Object> churnReport = ColdAndChurn.churn(first);
            r.put("cold_sync_ms", ms(first.cold().totalNanos()));
            r.put("cold_sync_repeat_ms", ms(repeat.cold().totalNanos()));
            r.put("pod_churn_p50_ms", ((Map<?, ?>) churnReport.get("total")).get("p50_ms"));
            r.put("pod_churn_p99_ms", ((Map<?, ?>) churnReport.get("total")).get("p99_ms"));
            r.put("pod_churn_cpu_p50_ms", ((Map<?, ?>) churnReport.get("cpu")).get("p50_ms"));
            r.put("pod_churn_cpu_p99_ms", ((Map<?, ?>) churnReport.get("cpu")).get("p99_ms"));
            r.put("cold_sync_cpu_ms", ms(first.cold().cpuNanos()));
            log.printf(Locale.ROOT, "bench: cold %.1f ms (repeat %.1f ms); churn p99 %s ms; now first packet%n",
                    first.cold().totalNanos() / 1e6, repeat.cold().totalNanos() / 1e6, r.get("pod_churn_p99_ms"));
            Map<String, Object> fp = FirstPacketBench.run(namespaces, model, ctx, samples, log);
            Map<?, ?> zero = (Map<?, ?>) fp.get("policies_0");
            Map<?, ?> withN = (Map<?, ?>) fp.get("policies_n");
            r.put("first_packet_p50_us", withN.get("p50_us"));
            r.put("first_packet_p99_us", withN.get("p99_us"));
            r.put("first_packet_p50_us_0_policies", zero.get("p50_us"));
            r.put("first_packet_p99_us_0_policies", zero.get("p99_us"));
            double ratio = Stats.round((Double) withN.get("p99_us") / (Double) zero.get("p99_us"));
            r.put("first_packet_p99_ratio", ratio);
            r.put("cold", coldReport(first));
            r.put("cold_repeat", coldReport(repeat));
            r.put("churn", churnReport);
            r.put("churn_warmup", Stats.summary(ColdAndChurn.values(first.warmup(), FirewallSync.Phases::totalNanos), "ms"));
            r.put("resync_after_churn", ColdAndChurn.phases(first.resync()));
            r.put("kernel_matches_model", first.resync().result().elementsChanged() == 0
                    && first.kernelChains() == first.resync().result().chainsWritten());
            r.put("state_matches_fresh_compile", first.stateMatchesFreshCompile());
            r.put("first_packet", fp);
            Map<String, Object> targets = new LinkedHashMap<>();
            targets.put("cold_sync_under_2s", first.cold().totalNanos() < 2_000_000_000L);
            targets.put("pod_churn_p99_under_10ms", (Double) r.get("pod_churn_p99_ms") < 10.0);
            targets.put("first_packet_p99_le_1_2x", ratio <= 1.2);
            r.put("targets", targets);
        }
        r.put("load_average_at_end", loadAverage());
        r.put("host", host());
        return r;
    }

    private static Map<String, Object> coldReport(ColdAndChurn.Result c) {
        Map<String, Object> m = ColdAndChurn.phases(c.cold());
        m.put("chains", c.chains());
        m.put("elements", c.elements());
        m.put("text_bytes", c.coldTextBytes());
        return m;
    }

    /** The 1-minute load average: other work on the machine shows in every wall-clock figure. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, Object> host() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            h.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        } catch (java.io.IOException e) {
            h.put("kernel", System.getProperty("os.version"));
        }
        h.put("java", Runtime.version().toString());
        h.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return h;
    }

    private static String summary(Map<String, Object> r) {
        Map<?, ?> cold = (Map<?, ?>) r.get("cold");
        return String.format(Locale.ROOT, """
                bench policy: %s policies over %s pods (%s namespaces, %s on this node)
                  cold sync          %s ms (compile %s, plan/render %s, nft+kernel %s; cpu %s; repeat %s ms)
                  pod churn          p50 %s ms, p99 %s ms (cpu p50 %s, p99 %s)
                  first packet       p50 %s us, p99 %s us with the policies; p50 %s us, p99 %s us with none (x%s)
                  targets            %s (load average %s at start, %s at end)
                """, r.get("policies"), r.get("pods"), r.get("namespaces"), r.get("local_pods"), r.get("cold_sync_ms"),
                cold.get("compile_ms"), cold.get("plan_render_ms"), cold.get("nft_kernel_ms"), cold.get("cpu_ms"),
                r.get("cold_sync_repeat_ms"), r.get("pod_churn_p50_ms"), r.get("pod_churn_p99_ms"),
                r.get("pod_churn_cpu_p50_ms"), r.get("pod_churn_cpu_p99_ms"),
                r.get("first_packet_p50_us"), r.get("first_packet_p99_us"), r.get("first_packet_p50_us_0_policies"),
                r.get("first_packet_p99_us_0_policies"), r.get("first_packet_p99_ratio"), r.get("targets"),
                r.get("load_average_at_start"), r.get("load_average_at_end"));
    }
}
