package dev.junction.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code ip netns exec NS nft -f FILE}: the nft binary applying a ruleset text in one transaction, inside a
 * namespace. The process runs under bash's {@code time}, whose real time (the nft process alone, from fork to
 * exit) is the figure, with the user (parsing, evaluation, netlink serialisation) and system (the kernel
 * processing the batch, which runs in nft's own sendmsg calls) CPU times beside it.
 *
 * @param wallMs the real time of the nft process; on a timeout, the timeout (a lower bound)
 * @param userMs user CPU time of the process, or -1 if unknown (on a timeout)
 * @param sysMs system CPU time of the process, or -1 if unknown
 */
record NftFileRun(double wallMs, double userMs, double sysMs, boolean timedOut) {

    /**
     * @throws IOException when nft exits non-zero (the message carries its error output)
     */
    static NftFileRun run(BenchNamespaces owner, String netns, Path file, Duration timeout)
            throws IOException, InterruptedException {
        // $0 and $1 carry the namespace and file: nothing is interpolated into the script.
        List<String> cmd = List.of("bash", "-c", "TIMEFORMAT='@time %3R %3U %3S'; time ip netns exec \"$0\" nft -f \"$1\"",
                netns, file.toString());
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C"); // a decimal point in bash's time output
        Process p = pb.start();
        owner.track(p);
        try {
            p.getOutputStream().close();
            CompletableFuture<String> err = drain(p, true);
            CompletableFuture<String> out = drain(p, false);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                BenchNamespaces.kill(p);
                p.waitFor(30, TimeUnit.SECONDS);
                return new NftFileRun(timeout.toMillis(), -1, -1, true);
            }
            double javaWall = (System.nanoTime() - t0) / 1e6;
            String stderr = err.join();
            out.join();
            String timeLine = stderr.lines().filter(l -> l.startsWith("@time ")).reduce((a, b) -> b).orElse(null);
            if (p.exitValue() != 0) {
                String msg = stderr.lines().filter(l -> !l.startsWith("@time ")).limit(20)
                        .reduce("", (a, b) -> a + b + "\n");
                throw new IOException("nft -f " + file.getFileName() + " in " + netns + " failed (exit " + p.exitValue()
                        + "):\n" + msg.strip());
            }
            if (timeLine == null) {
                return new NftFileRun(javaWall, -1, -1, false);
            }
            String[] f = timeLine.substring("@time ".length()).trim().split("\\s+");
            return new NftFileRun(seconds(f[0]), seconds(f[1]), seconds(f[2]), false);
        } finally {
            if (p.isAlive()) {
                BenchNamespaces.kill(p);
            }
            owner.untrack(p);
        }
    }

    private static double seconds(String s) {
        return Double.parseDouble(s) * 1000.0;
    }

    private static CompletableFuture<String> drain(Process p, boolean stderr) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String((stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }
}
