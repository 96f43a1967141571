package dev.junction.agent.bench;

import dev.junction.agent.bench.SyntheticCluster.Change;
import dev.junction.agent.bench.SyntheticCluster.Kind;
import dev.junction.model.Changes;
import dev.junction.model.ClusterStore;
import dev.junction.nft.ExecNft;
import dev.junction.nft.Family;
import dev.junction.nft.LibNft;
import dev.junction.nft.NetNs;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.Transaction;
import dev.junction.proxy.NftProxier;
import dev.junction.proxy.compile.Names;
import dev.junction.proxy.compile.NodeContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction bench proxy}: how long the service proxy takes to program N services of M endpoints into the
 * kernel, against what the kernel itself needs for the same text and for kube-proxy's layout of the same
 * services, and how long one-endpoint changes take on that table. Everything runs in throw-away network
 * namespaces (the root namespace's nftables are never touched) that are deleted at the end, on failure and on
 * Ctrl-C. A benchmark, not a test: it asserts nothing about time, it reports.
 *
 * <ol>
 *   <li>cold sync, namespace A: a {@link ClusterStore} holding the synthetic cluster, {@code takeAll()} and
 *       a full {@link NftProxier#sync} on an empty table (list, compile, plan, render, libnftables, kernel);
 *   <li>floor, namespace B: the very transaction text of that sync, applied by {@code nft -f FILE};
 *   <li>incremental, namespace A: {@code --changes} one-endpoint changes (replace an endpoint's IP, remove one,
 *       add it back, in turn, on random services), each timed alone from {@code takeChanges()} to the end of
 *       the partial sync (compile, plan, render, libnftables, kernel); then the kernel's table is listed and
 *       checked against the proxier's model;
 *   <li>kube-proxy floor, namespace C: the same services in kube-proxy's nftables layout, by {@code nft -f}.
 * </ol>
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the nftables service proxy: cold full sync, the kernel's floor for the same text,"
                + " kube-proxy's layout of the same services, and one-endpoint partial syncs.",
            "Runs in throw-away network namespaces (needs root); writes its figures as JSON."})
public final class ProxyBench implements Callable<Integer> {

    /** Which {@link Nft} the proxier programs through. */
    public enum Backend { lib, exec }

    @Option(names = "--services", required = true, description = "Number of ClusterIP services (N).")
    int services;

    @Option(names = "--endpoints-per-service", required = true, description = "Ready endpoints per service (M).")
    int endpointsPerService;

    @Option(names = "--json", required = true, description = "Where to write the figures (JSON).")
    Path json;

    @Option(names = "--changes", defaultValue = "200",
            description = "One-endpoint partial syncs to time (default ${DEFAULT-VALUE}; at least 200 for p99).")
    int changes;

    @Option(names = "--backend", defaultValue = "lib",
            description = "lib (libnftables, as the agent) or exec (the nft binary per sync). Default ${DEFAULT-VALUE}.")
    Backend backend;

    @Option(names = "--kube-proxy-floor-timeout", defaultValue = "600s", paramLabel = "DURATION",
            description = "Stop nft -f of kube-proxy's layout after this long (600, 600s, 10m) and record the timeout"
                    + " as a lower bound. Default ${DEFAULT-VALUE}.")
    String kubeProxyFloorTimeout;

    @Option(names = "--floor-timeout", defaultValue = "600s", paramLabel = "DURATION",
            description = "The same for nft -f of Junction's own text. Default ${DEFAULT-VALUE}.")
    String floorTimeout;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random change sequence.")
    long seed;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A JSON report of this benchmark at a small size (e.g. 100 services): its incremental p99"
                    + " is compared with this run's.")
    Path baseline;

    @Option(names = "--keep-text", paramLabel = "DIR",
            description = "Keep the two nft -f texts (junction-cold.nft, kube-proxy.nft) in DIR, for profiling.")
    Path keepText;

    private PrintStream log = System.err;

    /** With --keep-text, the texts of the first few partial syncs are kept too (incremental-N-KIND.nft). */
    private static final int KEPT_CHANGES = 6;
    private final List<String> keptChanges = new ArrayList<>();

    @Override
    public Integer call() {
        Duration kpTimeout;
        Duration flTimeout;
        try {
            kpTimeout = parseDuration("--kube-proxy-floor-timeout", kubeProxyFloorTimeout);
            flTimeout = parseDuration("--floor-timeout", floorTimeout);
            if (changes < 0) {
                throw new IllegalArgumentException("--changes must not be negative: " + changes);
            }
        } catch (IllegalArgumentException e) {
            log.println("bench proxy: " + e.getMessage());
            return 2;
        }
        if (!ProcessHandle.current().info().user().map("root"::equals).orElse(true)) {
            log.println("bench proxy: needs root (it creates network namespaces and programs nftables in them)");
            return 2;
        }
        if (backend == Backend.lib && !LibNft.available()) {
            log.println("bench proxy: libnftables.so.1 cannot be loaded; use --backend exec");
            return 2;
        }
        if (changes < 200) {
            log.println("bench proxy: note: " + changes + " changes (< 200): the p99 is no more than a rough figure");
        }
        try {
            Map<String, Object> report = run(kpTimeout, flTimeout);
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, Json.write(report));
            System.out.print(BenchSummary.summary(report));
            System.out.println("  report          " + json);
            return 0;
        } catch (IllegalArgumentException e) {
            log.println("bench proxy: " + e.getMessage());
            return 2;
        } catch (NftException e) {
            log.println("bench proxy: nft refused a transaction: " + e.getMessage().lines().limit(20)
                    .reduce((a, b) -> a + "\n" + b).orElse(""));
            return 1;
        } catch (Exception e) {
            log.println("bench proxy: failed: " + e);
            e.printStackTrace(log);
            return 1;
        }
    }

    /** Runs the whole benchmark and returns the report (also used by the kernel test). */
    Map<String, Object> run(Duration kubeProxyTimeout, Duration floorTimeoutValue) throws Exception {
        SyntheticCluster cluster = new SyntheticCluster(services, endpointsPerService);
        NodeContext ctx = SyntheticCluster.nodeContext();
        TableRef table = new TableRef(Family.IP, Names.TABLE);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "proxy");
        r.put("started_at", Instant.now().toString());
        r.put("services", services);
        r.put("endpoints_per_service", endpointsPerService);
        r.put("backend", backend.name());
        r.put("changes", changes);
        r.put("seed", seed);

        Cold[] coldRef = new Cold[1];
        try (BenchNamespaces res = new BenchNamespaces()) {
            ClusterStore store = new ClusterStore(SyntheticCluster.THIS_NODE);
            cluster.feed(store);

            // 1. Cold sync in a fresh namespace: model (the store) to programmed kernel.
            String nsA = res.create("cold");
            log.printf(Locale.ROOT, "bench: cold sync of %d services x %d endpoints (%s) in %s%n", services,
                    endpointsPerService, backend, nsA);
            Cold cold = NetNs.call(nsA, () -> coldSync(store, table, ctx, coldRef));
            long rssAfterCold = BenchStats.rssKib();
            Transaction coldTx = cold.recorder.lastApplied();
            long r0 = System.nanoTime();
            String text = coldTx.toString();
            double renderMs = ms(System.nanoTime() - r0);
            Path coldFile = res.scratch().resolve("junction-cold.nft");
            Files.writeString(coldFile, text, StandardCharsets.US_ASCII);
            long coldLines = text.chars().filter(c -> c == '\n').count();
            long coldBytes = text.length();
            text = null; // not part of the agent's memory

            // 2. The floor: the kernel (through the nft binary) applying the very same text, fresh namespace.
            String nsB = res.create("floor");
            log.printf(Locale.ROOT, "bench: floor: nft -f of the same %d lines in %s%n", coldLines, nsB);
            NftFileRun floor = NftFileRun.run(res, nsB, coldFile, floorTimeoutValue);

            // 3. One-endpoint changes on the cold-synced table, one partial sync each.
            log.printf(Locale.ROOT, "bench: %d one-endpoint partial syncs in %s%n", changes, nsA);
            Incremental inc = NetNs.call(nsA, () -> incremental(cluster, store, cold, ctx));
            long rssAfterChanges = BenchStats.rssKib();
            Verify verify = NetNs.call(nsA, () -> verify(cold, table));
            long rssAfterVerify = BenchStats.rssKib();
            res.delete(nsA);
            res.delete(nsB);

            // 4. kube-proxy's layout of the same services, fresh namespace.
            Path kpFile = res.scratch().resolve("kube-proxy.nft");
            KubeProxyLayout.Counts kp;
            try (BufferedWriter w = Files.newBufferedWriter(kpFile, StandardCharsets.US_ASCII)) {
                kp = KubeProxyLayout.write(cluster, w);
            }
            if ((long) services * endpointsPerService >= 50_000) {
                settle();
            }
            String nsC = res.create("kube-proxy");
            log.printf(Locale.ROOT, "bench: kube-proxy floor: nft -f of %d chains, %d rules in %s (timeout %ds)%n",
                    kp.chains(), kp.rules(), nsC, kubeProxyTimeout.toSeconds());
            NftFileRun kpRun = NftFileRun.run(res, nsC, kpFile, kubeProxyTimeout);
            res.delete(nsC);

            if (keepText != null) {
                Files.createDirectories(keepText);
                Files.copy(coldFile, keepText.resolve(coldFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(kpFile, keepText.resolve(kpFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                for (int n = 0; n < keptChanges.size(); n++) {
                    Files.writeString(keepText.resolve("incremental-" + (n + 1) + "-"
                            + inc.kinds[n].name().toLowerCase(Locale.ROOT) + ".nft"), keptChanges.get(n));
                }
            }

            long rssEnd = BenchStats.rssKib();
            Runtime rt = Runtime.getRuntime();
            long heapUsed = rt.totalMemory() - rt.freeMemory();
            long heapCommitted = rt.totalMemory();
            // Diagnostics: what is live on the heap, and how much of the RSS is memory the C allocator keeps.
            System.gc();
            long heapLive = rt.totalMemory() - rt.freeMemory();
            boolean trimmed = MallocTrim.trim();
            long rssTrimmed = BenchStats.rssKib();
            java.lang.ref.Reference.reachabilityFence(cold.proxier);

            // ---- the report ----
            r.put("cold_sync_ms", round(cold.totalMs));
            r.put("floor_ms", round(floor.wallMs()));
            r.put("kube_proxy_floor_ms", round(kpRun.wallMs()));
            r.put("kube_proxy_floor_timed_out", kpRun.timedOut());
            r.put("kube_proxy_floor_timeout_s", kubeProxyTimeout.toSeconds());
            r.put("kube_proxy_floor_is_lower_bound", kpRun.timedOut());
            r.put("incremental_p50_ms", round(inc.total.p(50)));
            r.put("incremental_p99_ms", round(inc.total.p(99)));
            r.put("incremental_max_ms", round(inc.total.max()));
            r.put("rss_mib", round(rssEnd / 1024.0));
            r.put("heap_used_mib", round(heapUsed / 1048576.0));
            Map<String, Object> mem = new LinkedHashMap<>();
            mem.put("rss_after_cold_sync_mib", round(rssAfterCold / 1024.0));
            mem.put("rss_after_changes_mib", round(rssAfterChanges / 1024.0));
            mem.put("rss_after_list_mib", round(rssAfterVerify / 1024.0));
            mem.put("rss_end_mib", round(rssEnd / 1024.0));
            mem.put("heap_committed_mib", round(heapCommitted / 1048576.0));
            mem.put("heap_used_mib", round(heapUsed / 1048576.0));
            mem.put("heap_live_after_gc_mib", round(heapLive / 1048576.0));
            mem.put("non_heap_committed_mib", round(ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted()
                    / 1048576.0));
            mem.put("rss_after_gc_and_malloc_trim_mib", trimmed ? round(rssTrimmed / 1024.0) : Double.NaN);
            r.put("memory", mem);
            r.put("operations_cold", cold.result.operations());
            r.put("chains", cold.chains);
            r.put("elements", cold.elements);
            r.put("chains_after_changes", cold.proxier.chainCount());
            r.put("elements_after_changes", cold.proxier.elementCount());
            r.put("cold_vs_floor", ratio(cold.totalMs, floor.wallMs()));
            // On a loaded machine wall times stretch; CPU times much less: the JVM's CPU during the cold sync
            // (sync thread, GC, JIT) against nft's user + system time.
            r.put("cold_sync_cpu_ms", round(cold.processCpuMs));
            r.put("floor_cpu_ms", floor.userMs() < 0 ? Double.NaN : round(floor.userMs() + floor.sysMs()));
            r.put("cold_vs_floor_cpu", floor.userMs() < 0 ? Double.NaN
                    : ratio(cold.processCpuMs, floor.userMs() + floor.sysMs()));
            r.put("kube_proxy_floor_cpu_ms", kpRun.userMs() < 0 ? Double.NaN : round(kpRun.userMs() + kpRun.sysMs()));
            r.put("cold_vs_kube_proxy_floor_cpu", kpRun.userMs() < 0 ? Double.NaN
                    : ratio(cold.processCpuMs, kpRun.userMs() + kpRun.sysMs()));
            r.put("cold_vs_kube_proxy_floor", ratio(cold.totalMs, kpRun.wallMs()));
            r.put("floor_timed_out", floor.timedOut());
            r.put("kernel_matches_model", verify.matches);

            Map<String, Object> c = new LinkedHashMap<>();
            c.put("store_take_all_ms", round(cold.takeAllMs));
            c.put("sync_ms", round(cold.syncMs));
            c.put("list_ms", round(ms(cold.listNanos)));
            c.put("compile_and_plan_ms", round(cold.syncMs - ms(cold.listNanos) - ms(cold.applyNanos)));
            c.put("apply_ms", round(ms(cold.applyNanos)));
            c.put("render_ms_rerun", round(renderMs));
            if (backend == Backend.lib) {
                c.put("apply_user_cpu_ms", round(ms(cold.applyUserNanos)));
                c.put("apply_sys_cpu_ms", round(ms(cold.applyCpuNanos - cold.applyUserNanos)));
            }
            c.put("gc_count", cold.gcCount);
            c.put("gc_ms", round(cold.gcMs));
            c.put("services_compiled", cold.result.servicesCompiled());
            c.put("chains_written", cold.result.chainsWritten());
            c.put("elements_written", cold.result.elementsChanged());
            c.put("text_lines", coldLines);
            c.put("text_bytes", coldBytes);
            r.put("cold", c);

            Map<String, Object> f = new LinkedHashMap<>();
            f.put("wall_ms", round(floor.wallMs()));
            f.put("user_cpu_ms", round(floor.userMs()));
            f.put("sys_cpu_ms", round(floor.sysMs()));
            f.put("command", "ip netns exec NS nft -f junction-cold.nft");
            r.put("floor", f);

            Map<String, Object> k = new LinkedHashMap<>();
            k.put("wall_ms", round(kpRun.wallMs()));
            k.put("user_cpu_ms", round(kpRun.userMs()));
            k.put("sys_cpu_ms", round(kpRun.sysMs()));
            k.put("timed_out", kpRun.timedOut());
            k.put("chains", kp.chains());
            k.put("rules", kp.rules());
            k.put("elements", kp.elements());
            k.put("text_lines", kp.lines());
            k.put("text_bytes", kp.bytes());
            k.put("layout", "table ip kube-proxy; per service port a service- chain (masquerade rule, numgen random"
                    + " mod M vmap of gotos), per endpoint an endpoint- chain (saddr masquerade jump, dnat);"
                    + " cluster-ips and service-ips elements; one command per line, as knftables writes");
            r.put("kube_proxy", k);

            Map<String, Object> i = new LinkedHashMap<>();
            i.put("count", inc.total.n());
            i.put("min_ms", round(inc.total.min()));
            i.put("mean_ms", round(inc.total.mean()));
            i.put("p50_ms", round(inc.total.p(50)));
            i.put("p90_ms", round(inc.total.p(90)));
            i.put("p99_ms", round(inc.total.p(99)));
            i.put("max_ms", round(inc.total.max()));
            i.put("cpu_p50_ms", round(inc.cpu.p(50)));
            i.put("cpu_p99_ms", round(inc.cpu.p(99)));
            i.put("cpu_max_ms", round(inc.cpu.max()));
            i.put("apply_p50_ms", round(inc.apply.p(50)));
            i.put("apply_p99_ms", round(inc.apply.p(99)));
            i.put("operations_p50", inc.ops.p(50));
            i.put("operations_max", inc.ops.max());
            i.put("all_partial", inc.allPartial);
            Map<String, Object> byKind = new LinkedHashMap<>();
            inc.byKind.forEach((kind, s) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", s.n());
                m.put("p50_ms", round(s.p(50)));
                m.put("p99_ms", round(s.p(99)));
                m.put("max_ms", round(s.max()));
                byKind.put(kind.name().toLowerCase(Locale.ROOT), m);
            });
            i.put("by_kind", byKind);
            i.put("gc_count", inc.gcCount);
            i.put("gc_ms", round(inc.gcMs));
            i.put("changes_with_gc", Arrays.stream(inc.gcs).filter(g -> g > 0).count());
            i.put("samples_ms", Arrays.stream(inc.rawTotal).map(ProxyBench::round).boxed().toList());
            i.put("samples_apply_ms", Arrays.stream(inc.rawApply).map(ProxyBench::round).boxed().toList());
            i.put("samples_operations", Arrays.stream(inc.rawOps).boxed().toList());
            i.put("samples_kind", Arrays.stream(inc.kinds).map(kd -> kd.name().toLowerCase(Locale.ROOT)).toList());
            i.put("samples_gc", Arrays.stream(inc.gcs).boxed().toList());
            r.put("incremental", i);

            Map<String, Object> v = new LinkedHashMap<>();
            v.put("kernel_chains", verify.kernelChains);
            v.put("kernel_elements", verify.kernelElements);
            v.put("model_chains", cold.proxier.chainCount());
            v.put("model_elements", cold.proxier.elementCount());
            r.put("verify", v);

            r.put("targets", targets(r));
            r.put("host", BenchStats.host());
        } finally {
            if (coldRef[0] != null && coldRef[0].backendNft instanceof LibNft lib) {
                lib.close();
            }
        }
        return r;
    }

    // ---- phases ----

    /** What the cold sync left: the proxier (and its table) for the incremental phase. */
    private static final class Cold {
        NftProxier proxier;
        RecordingNft recorder;
        Nft backendNft;
        NftProxier.SyncResult result;
        double takeAllMs;
        double syncMs;
        double totalMs;
        long listNanos;
        long applyNanos;
        long applyCpuNanos;
        long applyUserNanos;
        long gcCount;
        double gcMs;
        int chains;
        int elements;
        double processCpuMs;
    }

    private Cold coldSync(ClusterStore store, TableRef table, NodeContext ctx, Cold[] out) throws Exception {
        Cold c = new Cold();
        // Built on this thread, inside the namespace: the LibNft's socket (or ExecNft's children) belong to it.
        c.backendNft = backend == Backend.lib ? new LibNft() : new ExecNft();
        out[0] = c;
        c.recorder = new RecordingNft(c.backendNft);
        c.proxier = new NftProxier(c.recorder, table);
        long gc0 = BenchStats.gcCount();
        double gcMs0 = BenchStats.gcMillis();
        long pcpu0 = BenchStats.processCpuNanos();
        long t0 = System.nanoTime();
        Changes all = store.takeAll();
        long t1 = System.nanoTime();
        c.result = c.proxier.sync(all, ctx);
        long t2 = System.nanoTime();
        c.takeAllMs = ms(t1 - t0);
        c.syncMs = ms(t2 - t1);
        c.totalMs = ms(t2 - t0);
        c.processCpuMs = ms(BenchStats.processCpuNanos() - pcpu0);
        c.chains = c.proxier.chainCount();
        c.elements = c.proxier.elementCount();
        c.gcCount = BenchStats.gcCount() - gc0;
        c.gcMs = BenchStats.gcMillis() - gcMs0;
        c.listNanos = c.recorder.listNanos();
        c.applyNanos = c.recorder.applyNanos();
        c.applyCpuNanos = c.recorder.applyCpuNanos();
        c.applyUserNanos = c.recorder.applyUserNanos();
        if (!c.result.full() || c.recorder.applies() != 1) {
            throw new IllegalStateException("the cold sync was not one full sync with one transaction: " + c.result
                    + ", " + c.recorder.applies() + " transactions");
        }
        return c;
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Incremental(Samples total, Samples cpu, Samples apply, Samples ops, Map<Kind, Samples> byKind, boolean allPartial,
            double[] rawTotal, double[] rawApply, int[] rawOps, Kind[] kinds, long[] gcs, long gcCount, double gcMs) {}

    private Incremental incremental(SyntheticCluster cluster, ClusterStore store, Cold cold, NodeContext ctx)
            throws NftException {
        Random random = new Random(seed);
        double[] total = new double[changes];
        double[] apply = new double[changes];
        double[] ops = new double[changes];
        int[] rawOps = new int[changes];
        double[] cpu = new double[changes];
        Kind[] kinds = new Kind[changes];
        long[] gcs = new long[changes];
        Map<Kind, List<Double>> byKind = new EnumMap<>(Kind.class);
        boolean allPartial = true;
        long gcCount0 = BenchStats.gcCount();
        double gcMs0 = BenchStats.gcMillis();
        for (int n = 0; n < changes; n++) {
            long gc0 = BenchStats.gcCount();
            Change change = cluster.nextChange(random);
            cluster.putSlice(store, change.service());
            cold.recorder.reset();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Changes delta = store.takeChanges();
            NftProxier.SyncResult res = cold.proxier.sync(delta, ctx);
            long dt = System.nanoTime() - t0;
            cpu[n] = ms(THREADS.getCurrentThreadCpuTime() - c0);
            allPartial &= !res.full() && res.servicesCompiled() == 1;
            total[n] = ms(dt);
            apply[n] = ms(cold.recorder.applyNanos());
            ops[n] = res.operations();
            rawOps[n] = res.operations();
            kinds[n] = change.kind();
            gcs[n] = BenchStats.gcCount() - gc0;
            byKind.computeIfAbsent(change.kind(), k -> new ArrayList<>()).add(total[n]);
            if (keepText != null && n < KEPT_CHANGES && cold.recorder.lastApplied() != null) {
                keptChanges.add(cold.recorder.lastApplied().toString());
            }
        }
        Map<Kind, Samples> kindStats = new EnumMap<>(Kind.class);
        byKind.forEach((k, l) -> kindStats.put(k, new Samples(l.stream().mapToDouble(Double::doubleValue).toArray())));
        return new Incremental(new Samples(total), new Samples(cpu), new Samples(apply), new Samples(ops), kindStats, allPartial, total, apply,
                rawOps, kinds, gcs, BenchStats.gcCount() - gcCount0, BenchStats.gcMillis() - gcMs0);
    }

    private record Verify(boolean matches, int kernelChains, long kernelElements) {}

    /** Lists the kernel's table and compares it with what the proxier believes it programmed. */
    private static Verify verify(Cold cold, TableRef table) throws NftException {
        Optional<TableState> state = cold.backendNft.list(table);
        if (state.isEmpty()) {
            return new Verify(false, 0, 0);
        }
        int chains = state.get().chains().size();
        long elements = state.get().sets().values().stream().mapToLong(Map::size).sum();
        boolean ok = chains == cold.proxier.chainCount() && elements == cold.proxier.elementCount();
        return new Verify(ok, chains, elements);
    }

    /** Gives the kernel a moment to tear down the namespaces just deleted (it does so in the background). */
    private static void settle() throws InterruptedException {
        TimeUnit.SECONDS.sleep(2);
    }

    // ---- report helpers ----

    private Map<String, Object> targets(Map<String, Object> r) throws IOException {
        Map<String, Object> t = new LinkedHashMap<>();
        double cold = (double) r.get("cold_sync_ms");
        double floor = (double) r.get("floor_ms");
        double kp = (double) r.get("kube_proxy_floor_ms");
        double p99 = (double) r.get("incremental_p99_ms");
        t.put("cold_le_1_3x_floor", cold <= 1.3 * floor);
        t.put("cold_le_0_5x_kube_proxy_floor", cold <= 0.5 * kp);
        t.put("incremental_p99_le_5ms", p99 <= 5.0);
        if (baseline != null) {
            Matcher m = Pattern.compile("\"incremental_p99_ms\"\\s*:\\s*([0-9.eE+-]+)").matcher(Files.readString(baseline));
            Matcher s = Pattern.compile("\"services\"\\s*:\\s*(\\d+)").matcher(Files.readString(baseline));
            if (m.find()) {
                double base = Double.parseDouble(m.group(1));
                t.put("baseline_file", baseline.toString());
                t.put("baseline_services", s.find() ? Integer.parseInt(s.group(1)) : -1);
                t.put("baseline_incremental_p99_ms", base);
                t.put("incremental_p99_vs_baseline", ratio(p99, base));
                t.put("incremental_p99_le_1_5x_baseline", p99 <= 1.5 * base);
            }
        }
        return t;
    }


    static Duration parseDuration(String flag, String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + ": not a duration (600, 600s, 10m): " + text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(flag + " must be positive");
        }
        return d;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000.0) / 1000.0;
    }

    static double ratio(double a, double b) {
        return b <= 0 ? Double.NaN : Math.round(a / b * 10000.0) / 10000.0;
    }

    /** A sorted sample of measurements; percentiles by nearest rank. */
    record Samples(double[] sorted) {
        Samples {
            sorted = sorted.clone();
            Arrays.sort(sorted);
        }

        int n() {
            return sorted.length;
        }

        double p(double pct) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        double min() {
            return sorted.length == 0 ? Double.NaN : sorted[0];
        }

        double max() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        }

        double mean() {
            return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
        }
    }
}
