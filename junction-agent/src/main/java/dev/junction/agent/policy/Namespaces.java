package dev.junction.agent.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The policy benchmark's throw-away network namespaces, named {@code jb<pid>-p<n>-<role>} (the {@code jb<pid>-}
 * prefix the benchmarks share). {@link #close()} deletes every one still there; a shutdown hook does the same when
 * the JVM ends early (Ctrl-C, SIGTERM). Links and addresses live inside them and go with them.
 */
final class Namespaces {
    private Namespaces() {}

    /** Runs {@code ip -n NS -batch -} with the given lines. */
    static void ip(String ns, List<String> lines) throws IOException {
        run(List.of("ip", "-n", ns, "-batch", "-"), String.join("\n", lines) + "\n");
    }

    /** Sets sysctls inside {@code ns} ({@code ip netns exec NS sysctl -q -w K=V ...}). */
    static void sysctl(String ns, String... settings) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w"));
        cmd.addAll(List.of(settings));
        run(cmd, "");
    }

    /** Runs a command to completion (30 s at most); throws with its output when it fails. */
    static String run(List<String> command, String input) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
