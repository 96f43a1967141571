package dev.junction.agent.bench;

import static dev.junction.agent.bench.BgpBenchConfigs.BIRD_FROM_ORIGIN;
import static dev.junction.agent.bench.BgpBenchConfigs.JUNCTION_PEER;
import static dev.junction.agent.bench.BgpBenchConfigs.ORIGIN_TO_BIRD;
import static dev.junction.agent.bench.BgpBenchConfigs.ORIGIN_TO_JUNCTION;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction bench bgp}: one BIRD ("origin") originates N IPv4 prefixes and announces them, in the same run,
 * to Junction's speaker and to a second BIRD, each alone in its own network namespace; both sessions are enabled
 * by one command once the origin has loaded its table. For each receiver: the time from its session reaching
 * Established to the last prefix in its Loc-RIB, and its peak RSS (VmHWM). A benchmark, not a test: it reports.
 *
 * <p>How the end is seen: Junction's speaker reports the moment its Loc-RIB reaches N itself (checked once per
 * UPDATE, {@code await-routes}); the second BIRD is polled every {@code --poll-ms} over its control socket for its
 * protocol's import counter (O(1) in BIRD, no birdc process), so its figure is late by at most one poll.
 */
@Command(name = "bgp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the BGP speaker: a BIRD originates N prefixes to Junction and to a second BIRD at once;"
                + " time from Established to the last prefix in the Loc-RIB, and peak RSS, of each.",
            "Runs in throw-away network namespaces (needs root and bird2); writes its figures as JSON."})
public final class BgpBench implements Callable<Integer> {
    /**
     * The speaker child's JVM options for {@code n} prefixes, chosen for a full-table receiver (measured at 1M):
     * <ul>
     *   <li>Parallel GC with two threads and a fixed 20 MiB young generation: the table's routes all survive, so
     *       each young collection is dominated by scanning the dirtied cards of the big route tables; two threads
     *       halve those pauses (Serial GC spent ~570 ms in pauses per 1M routes, Parallel ~250 ms), and a small
     *       young generation keeps the touched heap, i.e. the RSS, small;
     *   <li>{@code MaxTenuringThreshold=0}: a route lives as long as the table, so it is promoted at its first
     *       collection instead of being copied between survivor spaces up to 15 times;
     *   <li>a heap bound sized from N as an operator sizes it for the expected table (the RIB holds about 60 octets
     *       per IPv4 prefix; 48 MiB plus 72 octets per prefix leaves room for growth of the tables and garbage); without
     *       a bound the JVM grows the heap to a quarter of the machine's memory before collecting much;
     *   <li>256 KiB platform thread stacks and no perf data file; and MALLOC_ARENA_MAX=1 in the environment (few
     *       native allocations, and per-thread arenas only add RSS).
     * </ul>
     */
    static String defaultSpeakerJvm(int n) {
        long heapMib = 48 + (long) n * 72 / (1 << 20);
        return "-XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:-UseAdaptiveSizePolicy -Xmx" + heapMib + "m -Xmn20m"
                + " -XX:MaxTenuringThreshold=0 -Xss256k -XX:-UsePerfData";
    }

    @Option(names = "--prefixes", required = true, description = "IPv4 prefixes the origin announces (N).")
    int prefixes;

    @Option(names = "--json", required = true, description = "Where to write the figures (JSON).")
    Path json;

    @Option(names = "--speaker-jvm-options", description = "JVM options of the Junction speaker child, instead of the"
            + " default: Parallel GC (2 threads), 20 MiB young generation, tenuring threshold 0, heap 48 MiB + 72 octets per prefix.")
    String speakerJvmOptions;

    @Option(names = "--poll-ms", defaultValue = "10", description = "How often the second BIRD is polled (default ${DEFAULT-VALUE}).")
    int pollMs;

    @Option(names = "--timeout", defaultValue = "600", description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--bird", defaultValue = "/usr/sbin/bird", description = "The BIRD 2 binary (default ${DEFAULT-VALUE}).")
    Path bird;

    @Option(names = "--progress", description = "Also log both receivers' counts every 250 ms (a diagnostic; costs a little).")
    boolean progress;

    @Option(names = "--speaker-histogram", paramLabel = "FILE",
            description = "After the run, write the speaker's heap histogram (jcmd GC.class_histogram) to FILE.")
    Path histogram;

    private final PrintStream log = System.err;

    @Override
    public Integer call() {
        if (prefixes < 1 || prefixes > (1 << 22)) {
            log.println("bench bgp: --prefixes must be between 1 and " + (1 << 22));
            return 2;
        }
        if (!ProcessHandle.current().info().user().map("root"::equals).orElse(true)) {
            log.println("bench bgp: needs root (it creates network namespaces)");
            return 2;
        }
        if (!Files.isExecutable(bird)) {
            log.println("bench bgp: no BIRD at " + bird + " (Debian package bird2)");
            return 2;
        }
        try {
            Map<String, Object> report = run();
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, Json.write(report));
            System.out.print(BgpBenchSummary.summary(report));
            System.out.println("  report          " + json);
            return 0;
        } catch (Exception e) {
            log.println("bench bgp: failed: " + e);
            e.printStackTrace(log);
            return 1;
        }
    }

    /** Runs the whole benchmark and returns the report (also used by the kernel test). */
    Map<String, Object> run() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "bgp");
        r.put("started_at", Instant.now().toString());
        r.put("prefixes", prefixes);
        String options = speakerJvmOptions != null ? speakerJvmOptions : defaultSpeakerJvm(prefixes);
        List<String> jvm = Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        try (BenchNamespaces res = new BenchNamespaces()) {
            String nsOrigin = res.create("origin");
            String nsJunction = res.create("junction");
            String nsBird = res.create("bird");
            link(nsOrigin, nsJunction, BgpBenchConfigs.ORIGIN_J, BgpBenchConfigs.JUNCTION, "j");
            link(nsOrigin, nsBird, BgpBenchConfigs.ORIGIN_B, BgpBenchConfigs.BIRD, "b");

            log.printf(Locale.ROOT, "bench: origin BIRD loads %,d static routes in %s%n", prefixes, nsOrigin);
            long t0 = System.nanoTime();
            try (BirdDaemon origin = BirdDaemon.start(res, bird, nsOrigin, res.scratch().resolve("origin"),
                    BgpBenchConfigs.origin(prefixes))) {
                awaitCount("origin static table", () -> origin.imported("origin"), prefixes);
                double loadMs = ms(System.nanoTime() - t0);
                Path jconf = res.scratch().resolve("junction.conf");
                Files.writeString(jconf, BgpBenchConfigs.junction());
                try (BirdDaemon peer = BirdDaemon.start(res, bird, nsBird, res.scratch().resolve("bird"), BgpBenchConfigs.bird());
                     BgpSpeakerChild junction = new BgpSpeakerChild(res, nsJunction, jconf,
                             res.scratch().resolve("junction.log"), jvm)) {
                    ProcCounters jBefore = ProcCounters.of(junction.pid());
                    ProcCounters bBefore = ProcCounters.of(peer.pid());
                    log.printf(Locale.ROOT, "bench: enabling both sessions of the origin (Junction in %s, BIRD in %s)%n",
                            nsJunction, nsBird);
                    CompletableFuture<List<String>> jDone = CompletableFuture.supplyAsync(() -> {
                        try {
                            return junction.command("await-routes " + prefixes + " " + timeoutSeconds + (progress ? " 250" : ""),
                                    timeoutSeconds + 10);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    ProcCounters oBefore = ProcCounters.of(origin.pid());
                    origin.cli("enable \"to_*\"");
                    Thread nudger = nudge(origin);
                    List<String> birdProgress = new java.util.concurrent.CopyOnWriteArrayList<>();
                    Thread progressLog = progress ? progressLogger(peer, birdProgress) : null;
                    double birdDone = birdLastPrefix(peer);
                    List<String> jLines = jDone.get(timeoutSeconds + 20, TimeUnit.SECONDS);
                    double junctionDone = Double.parseDouble(jLines.getLast().split(" ")[3]);
                    double birdUp = since(peer.protocolLine(BIRD_FROM_ORIGIN));
                    double junctionUp = junction.command("established", 10).stream().filter(l -> l.startsWith("established " + JUNCTION_PEER + " "))
                            .map(l -> Double.parseDouble(l.split(" ")[2])).findFirst().orElseThrow();
                    nudger.interrupt();
                    nudger.join();
                    if (progressLog != null) {
                        progressLog.interrupt();
                        progressLog.join();
                    }
                    ProcCounters oAfter = ProcCounters.of(origin.pid());
                    if (progress) {
                        jLines.stream().filter(l -> l.startsWith("progress")).forEach(l -> log.println("bench: junction " + l));
                        birdProgress.forEach(l -> log.println("bench: bird " + l));
                    }
                    ProcCounters jAfter = ProcCounters.of(junction.pid());
                    ProcCounters bAfter = ProcCounters.of(peer.pid());
                    if (histogram != null) {
                        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                                Long.toString(junction.pid()), "GC.class_histogram").redirectErrorStream(true)
                                .redirectOutput(histogram.toFile()).start();
                        jcmd.waitFor(60, TimeUnit.SECONDS);
                    }
                    long jReceived = Long.parseLong(junction.command("count", 30).getFirst().split(" ")[1]);
                    long bReceived = peer.imported(BIRD_FROM_ORIGIN);
                    double originUpJ = since(origin.protocolLine(ORIGIN_TO_JUNCTION));
                    double originUpB = since(origin.protocolLine(ORIGIN_TO_BIRD));

                    double jMs = junctionDone - junctionUp;
                    double bMs = birdDone - birdUp;
                    r.put("junction_ms", round(jMs));
                    r.put("bird_ms", round(bMs));
                    r.put("junction_vs_bird", round(jMs / bMs));
                    r.put("junction_rss_mib", round(jAfter.hwmKib() / 1024.0));
                    r.put("bird_rss_mib", round(bAfter.hwmKib() / 1024.0));
                    r.put("rss_ratio", round((double) jAfter.hwmKib() / bAfter.hwmKib()));
                    r.put("junction_received", jReceived);
                    r.put("bird_received", bReceived);
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("junction_established_epoch_ms", junctionUp);
                    t.put("junction_last_prefix_epoch_ms", junctionDone);
                    t.put("bird_established_epoch_ms", birdUp);
                    t.put("bird_last_prefix_epoch_ms", birdDone);
                    t.put("origin_saw_junction_up_epoch_ms", originUpJ);
                    t.put("origin_saw_bird_up_epoch_ms", originUpB);
                    t.put("session_up_spread_ms", round(Math.abs(junctionUp - birdUp)));
                    // The same intervals from the origin's view of each session coming up (one clock for both starts).
                    t.put("junction_ms_from_origin_up", round(junctionDone - originUpJ));
                    t.put("bird_ms_from_origin_up", round(birdDone - originUpB));
                    r.put("timeline", t);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("junction_rss_now_mib", round(jAfter.rssKib() / 1024.0));
                    m.put("bird_rss_now_mib", round(bAfter.rssKib() / 1024.0));
                    m.put("junction_rss_before_mib", round(jBefore.rssKib() / 1024.0));
                    m.put("bird_rss_before_mib", round(bBefore.rssKib() / 1024.0));
                    m.put("junction_cpu_ms", jAfter.cpuMs() - jBefore.cpuMs());
                    m.put("bird_cpu_ms", bAfter.cpuMs() - bBefore.cpuMs());
                    m.put("origin_cpu_ms", oAfter.cpuMs() - oBefore.cpuMs());
                    r.put("processes", m);
                    r.put("junction_jvm_options", String.join(" ", jvm) + " (env MALLOC_ARENA_MAX=1)");
                    r.put("bird_poll_ms", pollMs);
                    r.put("origin_load_ms", round(loadMs));
                    r.put("host", Map.of("nproc", Runtime.getRuntime().availableProcessors(),
                            "kernel", BenchStats.readFirst(Path.of("/proc/sys/kernel/osrelease")).orElse(""),
                            "java", Runtime.version().toString(), "bird", birdVersion(origin)));
                    Map<String, Object> targets = new LinkedHashMap<>();
                    targets.put("junction_vs_bird_max", 1.0);
                    targets.put("time_met", jMs <= bMs);
                    targets.put("rss_ratio_max", 2.0);
                    targets.put("rss_met", jAfter.hwmKib() <= 2 * bAfter.hwmKib());
                    r.put("targets", targets);
                }
            }
        }
        return r;
    }

    /**
     * Sends the origin a trivial CLI command every {@code --poll-ms} until interrupted. BIRD's main loop sleeps in
     * poll(2) for up to 3 s when it believes it has no work, and at the end of a big export it now and then leaves
     * the last UPDATE of one of its two sessions (either, at random) unsent until that sleep ends, adding ~3 s to
     * whichever receiver it hits. A control-socket command wakes the loop, so both sessions get their last UPDATE
     * as soon as it exists; the cost to the origin is one short reply per poll.
     */
    private Thread nudge(BirdDaemon origin) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(pollMs);
                    origin.cli("show status");
                }
            } catch (InterruptedException | IOException | RuntimeException e) {
                // done
            }
        });
    }

    /** Records the second BIRD's import count every 250 ms until interrupted (a diagnostic). */
    private Thread progressLogger(BirdDaemon peer, List<String> out) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(250);
                    out.add("progress " + peer.imported(BIRD_FROM_ORIGIN) + " at " + epochMs(Instant.now()));
                }
            } catch (InterruptedException | IOException | RuntimeException e) {
                // done
            }
        });
    }

    /** A veth between two namespaces, {@code a}/30 on the first end and {@code b}/30 on the other. */
    private static void link(String nsA, String nsB, String a, String b, String tag) throws IOException, InterruptedException {
        String base = "jb" + ProcessHandle.current().pid() + tag;
        sh("ip", "link", "add", base + "0", "netns", nsA, "type", "veth", "peer", "name", base + "1", "netns", nsB);
        sh("ip", "-n", nsA, "addr", "add", a + "/30", "dev", base + "0");
        sh("ip", "-n", nsB, "addr", "add", b + "/30", "dev", base + "1");
        for (String[] x : new String[][] {{nsA, base + "0"}, {nsB, base + "1"}, {nsA, "lo"}, {nsB, "lo"}}) {
            sh("ip", "-n", x[0], "link", "set", x[1], "up");
        }
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private interface Count {
        long get() throws IOException;
    }

    private void awaitCount(String what, Count count, long n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (count.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out waiting for " + what + " to reach " + n);
            }
            Thread.sleep(50);
        }
    }

    /** Polls the second BIRD until its import counter reaches N; returns that moment, epoch ms. */
    private double birdLastPrefix(BirdDaemon peer) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (peer.imported(BIRD_FROM_ORIGIN) < prefixes) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out waiting for BIRD to import " + prefixes + " prefixes");
            }
            Thread.sleep(pollMs);
        }
        return epochMs(Instant.now());
    }

    /** The "since" of a {@code show protocols} line in {@code iso long ms} format, as epoch ms. */
    static double since(String[] w) {
        if (w.length < 7 || !w[6].equals("Established")) {
            throw new IllegalStateException("session not Established: " + String.join(" ", w));
        }
        Instant t = LocalDateTime.parse(w[4] + "T" + w[5]).atZone(ZoneId.systemDefault()).toInstant();
        return epochMs(t);
    }

    private static String birdVersion(BirdDaemon d) {
        try {
            return String.join(" ", d.cli("show status")).replaceAll("\\s+", " ").replaceAll(" Router ID.*", "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double epochMs(Instant t) {
        return t.getEpochSecond() * 1e3 + t.getNano() / 1e6;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Peak and current RSS and CPU time of a process, from /proc. */
    record ProcCounters(long hwmKib, long rssKib, long cpuMs) {
        static ProcCounters of(long pid) throws IOException {
            Path dir = Path.of("/proc", Long.toString(pid));
            long hwm = BenchStats.grep(dir.resolve("status"), "VmHWM").map(BenchStats::kib).orElse(-1L);
            long rss = BenchStats.grep(dir.resolve("status"), "VmRSS").map(BenchStats::kib).orElse(-1L);
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return new ProcCounters(hwm, rss, ticks * 10);
        }
    }
}
