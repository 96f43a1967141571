package dev.junction.agent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction bench routing}: N nodes, of which one runs the real agent ({@code agent --run-router}, a child JVM
 * in its own namespace, reading its Node table from a manifest folder) and the others are simulated: in-process
 * speakers in one child JVM ({@link RoutingSimChild}) in a second namespace, one address each on a veth shared with
 * the agent's namespace. With {@code --topology rr} nodes 1..R are route reflectors and every other node (the
 * agent too) their client, all from the {@code kube-router.io/rr.*} annotations; with {@code mesh} everyone peers
 * with everyone. A benchmark, not a test: it reports.
 *
 * <p>Measured: the simulated nodes converging among themselves; the agent from its start (and from its first
 * session up) to the last of the N-1 other pod CIDRs installed in its kernel, seen by an {@code ip monitor route}
 * in its namespace; then J nodes joining one at a time (the Node added to the manifests, and {@code --join-gap-ms}
 * later, as in a cluster where the Node exists before its router starts, the reflectors, or in a mesh every node,
 * adding the peer and the new speaker starting): the time from that start to its pod CIDR being best on every other
 * simulated node, and to its route in the agent's kernel; and the peak RSS of the agent and of the simulated nodes'
 * JVM.
 */
@Command(name = "routing", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the router: one real agent among N nodes (the others simulated speakers) in a route-reflector"
                + " or full-mesh topology; convergence, node-join-to-route-installed times and the agent's RSS.",
            "Runs in throw-away network namespaces (needs root); writes its figures as JSON."})
public final class RoutingBench implements Callable<Integer> {
    /** The launcher's settings (bin/junction), so the agent runs as it would in production. */
    static final String DEFAULT_AGENT_JVM = "-XX:+UseParallelGC -XX:ParallelGCThreads=2";
    static final String DEFAULT_SIM_JVM = "-XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xss256k -XX:-UsePerfData";

    @Option(names = "--nodes", required = true, description = "Nodes in the cluster before the joins, the agent's included (N).")
    int nodes;

    @Option(names = "--topology", defaultValue = "rr", description = "rr (route reflectors, the default) or mesh (N <= 200).")
    String topology;

    @Option(names = "--reflectors", defaultValue = "2", description = "Route reflectors with rr (default ${DEFAULT-VALUE}).")
    int reflectors;

    @Option(names = "--joins", defaultValue = "20", description = "Nodes that join one at a time after convergence (default ${DEFAULT-VALUE}).")
    int joins;

    @Option(names = "--join-gap-ms", defaultValue = "1000", description = "Each joining node's Node is in the manifests this long"
            + " before its speaker starts (default ${DEFAULT-VALUE}; the agent reads the folder every 500 ms and runs its sync at most"
            + " every 200 ms, so a shorter gap measures those intervals rather than the routing).")
    int joinGapMs;

    @Option(names = "--json", required = true, description = "Where to write the figures (JSON).")
    Path json;

    @Option(names = "--agent-jvm-options", description = "JVM options of the agent, instead of the launcher's: " + DEFAULT_AGENT_JVM + ".")
    String agentJvmOptions;

    @Option(names = "--sim-jvm-options", description = "JVM options of the simulated nodes' JVM, instead of: " + DEFAULT_SIM_JVM + ".")
    String simJvmOptions;

    @Option(names = "--timeout", defaultValue = "300", description = "Give up a phase after this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--logs", paramLabel = "DIR", description = "Copy the agent's and the simulated nodes' logs into DIR at the end.")
    Path logs;

    private final PrintStream log = System.err;

    @Override
    public Integer call() {
        boolean mesh = topology.equals("mesh");
        if (!mesh && !topology.equals("rr")) {
            log.println("bench routing: --topology is rr or mesh");
            return 2;
        }
        if (mesh && nodes > 200) {
            log.println("bench routing: a full mesh is for at most 200 nodes (" + nodes * (nodes - 1) / 2 + " sessions otherwise)");
            return 2;
        }
        int minimum = mesh ? 2 : reflectors + 2;
        if (reflectors < 1 || nodes < minimum || nodes + joins > RoutingLayout.MAX_NODES || joins < 0) {
            log.println("bench routing: needs --reflectors >= 1, --nodes >= " + minimum + " and --nodes + --joins <= " + RoutingLayout.MAX_NODES);
            return 2;
        }
        if (!ProcessHandle.current().info().user().map("root"::equals).orElse(true)) {
            log.println("bench routing: needs root (it creates network namespaces)");
            return 2;
        }
        try {
            Map<String, Object> report = run();
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(json, Json.write(report));
            System.out.print(summary(report));
            System.out.println("  report          " + json);
            return 0;
        } catch (Exception e) {
            log.println("bench routing: failed: " + e);
            e.printStackTrace(log);
            return 1;
        }
    }

    private boolean mesh() {
        return topology.equals("mesh");
    }

    /** Runs the whole benchmark and returns the report (also used by the kernel test). */
    Map<String, Object> run() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "routing");
        r.put("started_at", Instant.now().toString());
        r.put("nodes", nodes);
        r.put("topology", topology);
        r.put("reflectors", mesh() ? 0 : reflectors);
        r.put("joins", joins);
        r.put("join_gap_ms", joinGapMs);
        List<String> agentJvm = words(agentJvmOptions != null ? agentJvmOptions : DEFAULT_AGENT_JVM);
        List<String> simJvm = words(simJvmOptions != null ? simJvmOptions : DEFAULT_SIM_JVM);
        int capacity = nodes + joins;
        try (BenchNamespaces res = new BenchNamespaces()) {
            try {
                measure(r, res, agentJvm, simJvm, capacity);
            } catch (Exception | Error e) {
                for (String name : List.of("sim.log", "agent.log")) {
                    Path f = res.scratch().resolve(name);
                    if (!Files.exists(f)) continue;
                    List<String> l = Files.readAllLines(f);
                    log.println("--- last lines of " + name);
                    l.subList(Math.max(0, l.size() - 40), l.size()).forEach(log::println);
                }
                throw e;
            } finally {
                if (logs != null) {
                    Files.createDirectories(logs);
                    for (String name : List.of("sim.log", "agent.log")) {
                        Path f = res.scratch().resolve(name);
                        if (Files.exists(f)) Files.copy(f, logs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return r;
    }

    private void measure(Map<String, Object> r, BenchNamespaces res, List<String> agentJvm, List<String> simJvm, int capacity)
            throws Exception {
        {
            String nsAgent = res.create("agent");
            String nsSim = res.create("nodes");
            wire(res, nsAgent, nsSim, capacity);
            Path manifests = res.scratch().resolve("manifests");
            Files.createDirectories(manifests);
            writeNodes(res.scratch(), manifests, nodes);

            log.printf(Locale.ROOT, "bench: starting %,d simulated nodes (%s) in %s%n", nodes - 1,
                    mesh() ? "full mesh" : reflectors + " route reflectors", nsSim);
            try (LineChild sim = LineChild.start(res, nsSim, simJvm, List.of(RoutingSimChild.class.getName(), topology,
                    Integer.toString(reflectors), Integer.toString(capacity)), res.scratch().resolve("sim.log"));
                 RouteWatch watch = RouteWatch.start(res, nsAgent)) {
                double simStart = Double.parseDouble(sim.command("start " + nodes, timeoutSeconds).getFirst().split(" ")[2]);
                double simConverged = Double.parseDouble(sim.command("await-converged " + timeoutSeconds, timeoutSeconds + 10)
                        .getFirst().split(" ")[1]);
                log.printf(Locale.ROOT, "bench: simulated nodes converged in %.0f ms; starting the agent in %s%n",
                        simConverged - simStart, nsAgent);

                List<String> agentArgs = new ArrayList<>(List.of("agent", "--run-service-proxy=false", "--run-router",
                        "--manifests", manifests.toString(), "--hostname-override", RoutingLayout.name(0),
                        "--healthz-bind-address", "", "--metrics-bind-address", "", "--bgp-admin-address", "",
                        "--nodes-full-mesh=" + mesh()));
                double agentStart = BgpBench.epochMs(Instant.now());
                try (LineChild agent = LineChild.startAgent(res, nsAgent, agentJvm, agentArgs, res.scratch().resolve("agent.log"))) {
                    double agentInstalled = watch.awaitCount(nodes - 1, timeoutSeconds);
                    double agentCidrOnAll = Double.parseDouble(sim.command("await-prefix 0 " + timeoutSeconds, timeoutSeconds + 10)
                            .getFirst().split(" ")[2]);
                    double agentUp = Double.MAX_VALUE;
                    for (int peer : rangeList(1, mesh() ? nodes - 1 : reflectors)) {
                        agentUp = Math.min(agentUp, Double.parseDouble(sim.command("established " + peer + " 0", 10).getFirst().split(" ")[1]));
                    }
                    ProcCounters agentAfterStart = ProcCounters.of(agent.pid());
                    Map<String, Object> initial = new LinkedHashMap<>();
                    initial.put("simulated_nodes_converged_ms", round(simConverged - simStart));
                    initial.put("agent_start_to_routes_installed_ms", round(agentInstalled - agentStart));
                    initial.put("agent_established_to_routes_installed_ms", round(agentInstalled - agentUp));
                    initial.put("agent_start_to_established_ms", round(agentUp - agentStart));
                    initial.put("agent_cidr_on_every_simulated_node_ms_from_established", round(agentCidrOnAll - agentUp));
                    initial.put("agent_cpu_ms", agentAfterStart.cpuMs());
                    r.put("initial_convergence_ms", round(agentInstalled - agentUp));
                    r.put("initial", initial);
                    log.printf(Locale.ROOT, "bench: the agent installed %,d pod routes %.0f ms after its first session came up;"
                            + " %d nodes join%n", nodes - 1, agentInstalled - agentUp, joins);

                    List<Double> simMs = new ArrayList<>();
                    List<Double> kernelMs = new ArrayList<>();
                    List<Double> joinerMs = new ArrayList<>();
                    List<Map<String, Object>> each = new ArrayList<>();
                    for (int k = 0; k < joins; k++) {
                        int node = nodes + k;
                        writeNodes(res.scratch(), manifests, node + 1);
                        Thread.sleep(joinGapMs);
                        String[] w = sim.command("join " + node + " " + timeoutSeconds, timeoutSeconds + 10).getFirst().split(" ");
                        double t0 = Double.parseDouble(w[2]);
                        double allSim = Double.parseDouble(w[3]) - t0;
                        double joinerFull = Double.parseDouble(w[4]) - t0;
                        double kernel = watch.awaitNode(node, timeoutSeconds) - t0;
                        simMs.add(allSim);
                        kernelMs.add(kernel);
                        joinerMs.add(joinerFull);
                        each.add(Map.of("node", node, "all_simulated_ms", round(allSim), "agent_kernel_ms", round(kernel),
                                "joiner_full_table_ms", round(joinerFull)));
                    }
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("count", joins);
                    if (joins > 0) {
                        j.put("all_simulated_p50_ms", round(percentile(simMs, 50)));
                        j.put("all_simulated_p99_ms", round(percentile(simMs, 99)));
                        j.put("all_simulated_max_ms", round(percentile(simMs, 100)));
                        j.put("agent_kernel_p50_ms", round(percentile(kernelMs, 50)));
                        j.put("agent_kernel_p99_ms", round(percentile(kernelMs, 99)));
                        j.put("agent_kernel_max_ms", round(percentile(kernelMs, 100)));
                        j.put("joiner_full_table_p50_ms", round(percentile(joinerMs, 50)));
                        j.put("joiner_full_table_p99_ms", round(percentile(joinerMs, 99)));
                        r.put("join_to_installed_p50_ms", j.get("agent_kernel_p50_ms"));
                        r.put("join_to_installed_p99_ms", j.get("agent_kernel_p99_ms"));
                    }
                    j.put("each", each);
                    r.put("join", j);

                    ProcCounters a = ProcCounters.of(agent.pid());
                    ProcCounters s = ProcCounters.of(sim.pid());
                    r.put("agent_rss_mib", round(a.hwmKib() / 1024.0));
                    r.put("agent_rss_now_mib", round(a.rssKib() / 1024.0));
                    r.put("agent_cpu_ms", a.cpuMs());
                    r.put("simulated_nodes_rss_mib", round(s.hwmKib() / 1024.0));
                    r.put("simulated_nodes_cpu_ms", s.cpuMs());
                    r.put("bench_rss_mib", round(BenchStats.grep(Path.of("/proc/self/status"), "VmHWM").map(BenchStats::kib).orElse(-1L) / 1024.0));

                    Map<String, Object> counts = new LinkedHashMap<>();
                    List<String> stats = sim.command("stats", 60);
                    for (String l : stats) {
                        String[] f = l.split(" ");
                        switch (f[0]) {
                            case "speakers" -> counts.put("simulated_speakers", Integer.parseInt(f[1]));
                            case "sessions" -> {
                                counts.put("simulated_sessions_established", Integer.parseInt(f[1]));
                                counts.put("simulated_sessions_configured", Integer.parseInt(f[2]));
                            }
                            case "locrib" -> {
                                counts.put("simulated_locrib_min", Integer.parseInt(f[1]));
                                counts.put("simulated_locrib_max", Integer.parseInt(f[2]));
                            }
                            default -> { }
                        }
                    }
                    counts.put("agent_sessions", mesh() ? capacity - 1 : reflectors);
                    counts.put("agent_kernel_routes_expected", capacity - 1);
                    counts.put("agent_kernel_routes", RouteWatch.kernelRoutes(nsAgent));
                    counts.put("agent_kernel_routes_seen_by_monitor", watch.count());
                    r.put("counts", counts);
                    r.put("agent_jvm_options", String.join(" ", agentJvm) + " (env MALLOC_ARENA_MAX=1)");
                    r.put("simulated_nodes_jvm_options", String.join(" ", simJvm) + " (env MALLOC_ARENA_MAX=1)");
                    r.put("host", BenchStats.host());
                }
            }
        }
    }

    /** A veth between the namespaces: the agent's end has node 0's address, the other every simulated node's. */
    private static void wire(BenchNamespaces res, String nsAgent, String nsSim, int capacity) throws IOException, InterruptedException {
        sh("ip", "link", "add", "eth0", "netns", nsAgent, "type", "veth", "peer", "name", "eth0", "netns", nsSim);
        sh("ip", "-n", nsAgent, "addr", "add", RoutingLayout.ip(0) + "/" + RoutingLayout.SUBNET_LENGTH, "dev", "eth0");
        StringBuilder batch = new StringBuilder();
        for (int i = 1; i < capacity; i++) {
            batch.append("addr add ").append(RoutingLayout.ip(i)).append('/').append(RoutingLayout.SUBNET_LENGTH).append(" dev eth0\n");
        }
        Path file = res.scratch().resolve("addresses.batch");
        Files.writeString(file, batch);
        sh("ip", "-n", nsSim, "-batch", file.toString());
        for (String ns : List.of(nsAgent, nsSim)) {
            sh("ip", "-n", ns, "link", "set", "lo", "up");
            sh("ip", "-n", ns, "link", "set", "eth0", "up");
        }
    }

    /** Nodes 0..count-1 as the API server would hold them, written atomically (the agent polls the folder). */
    private void writeNodes(Path scratch, Path manifests, int count) throws IOException {
        StringBuilder b = new StringBuilder(count * 320);
        for (int i = 0; i < count; i++) {
            b.append("apiVersion: v1\nkind: Node\nmetadata:\n  name: ").append(RoutingLayout.name(i)).append('\n');
            if (!mesh()) {
                boolean reflector = i >= 1 && i <= reflectors;
                b.append("  annotations:\n    kube-router.io/node.asn: \"").append(RoutingLayout.ASN).append("\"\n")
                        .append("    kube-router.io/").append(reflector ? "rr.server" : "rr.client").append(": \"")
                        .append(RoutingLayout.CLUSTER_ID).append("\"\n");
            }
            b.append("spec:\n  podCIDRs: [\"").append(RoutingLayout.podCidr(i)).append("\"]\nstatus:\n  addresses:\n  - {type: InternalIP, address: ")
                    .append(RoutingLayout.ip(i)).append("}\n---\n");
        }
        Path tmp = scratch.resolve("nodes.yaml.tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, manifests.resolve("nodes.yaml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The agent's kernel as seen by {@code ip monitor route}: when each pod route of Junction's protocol appeared. */
    static final class RouteWatch implements AutoCloseable {
        private final Process process;
        private final BenchNamespaces res;
        /** Node index to the epoch ms its pod route was (last) added; removed on delete. */
        private final Map<Integer, Double> installed = new ConcurrentHashMap<>();

        private RouteWatch(BenchNamespaces res, Process process) {
            this.res = res;
            this.process = process;
            Thread.ofPlatform().daemon().name("route-watch").start(this::read);
        }

        static RouteWatch start(BenchNamespaces res, String ns) throws IOException {
            Process p = new ProcessBuilder("ip", "-n", ns, "monitor", "route").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            res.track(p);
            p.getOutputStream().close();
            return new RouteWatch(res, p);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    double now = BgpBench.epochMs(Instant.now());
                    if (!l.contains(" proto 244")) continue;
                    boolean deleted = l.startsWith("Deleted ");
                    String dst = (deleted ? l.substring(8) : l).split(" ")[0];
                    int node = RoutingLayout.nodeOf(dst);
                    if (node < 0) continue;
                    if (deleted) installed.remove(node);
                    else installed.putIfAbsent(node, now);
                }
            } catch (IOException e) {
                // monitor gone
            }
        }

        int count() {
            return installed.size();
        }

        /** Waits until {@code n} pod routes are installed; returns when the last of them was. */
        double awaitCount(int n, int seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (installed.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("timed out: " + installed.size() + " of " + n + " pod routes in the agent's kernel");
                }
                Thread.sleep(2);
            }
            return installed.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        double awaitNode(int node, int seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!installed.containsKey(node)) {
                if (System.nanoTime() > deadline) throw new IOException("timed out: no route to node " + node + "'s pod CIDR in the agent's kernel");
                Thread.sleep(1);
            }
            return installed.get(node);
        }

        /** Pod routes of Junction's protocol in the namespace's main table now, counted by a fresh {@code ip route}. */
        static int kernelRoutes(String ns) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("ip", "-n", ns, "route", "show", "proto", "244").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            return (int) out.lines().filter(l -> !l.isBlank()).count();
        }

        @Override
        public void close() {
            BenchNamespaces.kill(process);
            res.untrack(process);
        }
    }

    /** A child JVM in a namespace; for the simulated nodes, a line protocol on stdin/stdout. */
    static final class LineChild implements AutoCloseable {
        private final Process process;
        private final boolean talks;
        private final BenchNamespaces res;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private LineChild(BenchNamespaces res, Process process, boolean talks) {
            this.res = res;
            this.process = process;
            this.talks = talks;
            res.track(process);
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            if (talks) {
                Thread.ofVirtual().start(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = r.readLine()) != null; ) lines.add(l);
                    } catch (IOException e) {
                        // process gone
                    }
                });
            }
        }

        private static List<String> java(String ns, List<String> jvm) {
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
            cmd.addAll(jvm);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
            return cmd;
        }

        static LineChild start(BenchNamespaces res, String ns, List<String> jvm, List<String> mainAndArgs, Path log) throws Exception {
            List<String> cmd = java(ns, jvm);
            cmd.addAll(mainAndArgs);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
            pb.environment().put("MALLOC_ARENA_MAX", "1");
            LineChild c = new LineChild(res, pb.start(), true);
            for (String l = ""; !l.startsWith("ready"); ) {
                l = c.lines.poll(60, TimeUnit.SECONDS);
                if (l == null) throw new IllegalStateException("the simulated nodes' JVM did not start; see " + Files.readString(log));
            }
            return c;
        }

        /** The agent ({@code dev.junction.agent.Main}); its output goes to {@code log}. */
        static LineChild startAgent(BenchNamespaces res, String ns, List<String> jvm, List<String> args, Path log) throws IOException {
            List<String> cmd = java(ns, jvm);
            cmd.add("dev.junction.agent.Main");
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("MALLOC_ARENA_MAX", "1");
            return new LineChild(res, pb.start(), false);
        }

        long pid() {
            return process.pid();
        }

        List<String> command(String command, long seconds) throws InterruptedException {
            in.println(command);
            List<String> out = new ArrayList<>();
            while (true) {
                String l = lines.poll(seconds, TimeUnit.SECONDS);
                if (l == null) throw new IllegalStateException("simulated nodes: no answer to " + command);
                if (l.equals("end")) return out;
                if (l.startsWith("error")) throw new IllegalStateException("simulated nodes: " + command + ": " + l);
                out.add(l);
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                if (talks) {
                    in.println("quit");
                    in.close();
                } else {
                    process.destroy(); // the agent: SIGTERM, its orderly shutdown (ip netns exec has exec'd the JVM)
                }
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    BenchNamespaces.kill(process);
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            res.untrack(process);
        }
    }

    private static List<Integer> rangeList(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) out.add(i);
        return out;
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    static double percentile(List<Double> values, double p) {
        List<Double> v = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i)));
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Peak and current RSS and CPU time of a process, from /proc. */
    record ProcCounters(long hwmKib, long rssKib, long cpuMs) {
        static ProcCounters of(long pid) throws IOException {
            BgpBench.ProcCounters c = BgpBench.ProcCounters.of(pid);
            return new ProcCounters(c.hwmKib(), c.rssKib(), c.cpuMs());
        }
    }

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> r) {
        Map<String, Object> i = (Map<String, Object>) r.get("initial");
        Map<String, Object> j = (Map<String, Object>) r.get("join");
        Map<String, Object> c = (Map<String, Object>) r.get("counts");
        Map<String, Object> h = (Map<String, Object>) r.get("host");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "routing bench: %,d nodes (%s), 1 real agent, %s joins, %s CPUs%n", r.get("nodes"),
                "mesh".equals(r.get("topology")) ? "full mesh" : r.get("reflectors") + " route reflectors", r.get("joins"), h.get("nproc")));
        sb.append(String.format(Locale.ROOT, "  simulated nodes converged among themselves in %.0f ms%n", i.get("simulated_nodes_converged_ms")));
        sb.append(String.format(Locale.ROOT, "  initial         %10.1f ms  agent's first session up -> all %,d pod routes in its kernel"
                + " (from the agent's start %.0f ms, of which JVM start to Established %.0f ms)%n", r.get("initial_convergence_ms"),
                (int) r.get("nodes") - 1, i.get("agent_start_to_routes_installed_ms"), i.get("agent_start_to_established_ms")));
        if (j.containsKey("agent_kernel_p50_ms")) {
            sb.append(String.format(Locale.ROOT, "  join -> agent kernel   p50 %.1f ms, p99 %.1f ms, max %.1f ms over %s joins%n",
                    j.get("agent_kernel_p50_ms"), j.get("agent_kernel_p99_ms"), j.get("agent_kernel_max_ms"), j.get("count")));
            sb.append(String.format(Locale.ROOT, "  join -> every simulated node's Loc-RIB   p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    + " (the joiner's own full table: p50 %.1f ms, p99 %.1f ms)%n", j.get("all_simulated_p50_ms"),
                    j.get("all_simulated_p99_ms"), j.get("all_simulated_max_ms"), j.get("joiner_full_table_p50_ms"),
                    j.get("joiner_full_table_p99_ms")));
        }
        sb.append(String.format(Locale.ROOT, "  memory          agent peak RSS %.1f MiB (now %.1f); simulated nodes' JVM %.1f MiB; bench %.1f MiB%n",
                r.get("agent_rss_mib"), r.get("agent_rss_now_mib"), r.get("simulated_nodes_rss_mib"), r.get("bench_rss_mib")));
        sb.append(String.format(Locale.ROOT, "  CPU             agent %s ms, simulated nodes %s ms%n", r.get("agent_cpu_ms"), r.get("simulated_nodes_cpu_ms")));
        sb.append("  counts          ").append(c).append('\n');
        sb.append("  agent JVM       ").append(r.get("agent_jvm_options")).append('\n');
        return sb.toString();
    }
}
