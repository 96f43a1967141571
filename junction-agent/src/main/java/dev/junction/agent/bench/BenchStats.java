package dev.junction.agent.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about this process and host that benchmark reports carry: CPU and GC time, memory, versions. */
final class BenchStats {
    private BenchStats() {}

    /** CPU time of the whole JVM (every thread: the sync, GC, JIT), or -1 where unknown. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount())).sum();
    }

    static double gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    static Map<String, Object> host() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("nproc", Runtime.getRuntime().availableProcessors());
        h.put("kernel", readFirst(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")));
        h.put("cpu_model", grep(Path.of("/proc/cpuinfo"), "model name").orElse(""));
        h.put("mem_total_mib", grep(Path.of("/proc/meminfo"), "MemTotal").map(BenchStats::kib).map(k -> k / 1024)
                .orElse(-1L));
        h.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        h.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        h.put("max_heap_mib", Runtime.getRuntime().maxMemory() / 1048576);
        h.put("nft", nftVersion());
        return h;
    }

    static String nftVersion() {
        try {
            Process p = new ProcessBuilder("nft", "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** VmRSS of this process, in KiB. */
    static long rssKib() throws IOException {
        return grep(Path.of("/proc/self/status"), "VmRSS").map(BenchStats::kib).orElse(-1L);
    }

    static long kib(String line) {
        Matcher m = Pattern.compile("(\\d+)\\s*kB").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static Optional<String> grep(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> readFirst(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
