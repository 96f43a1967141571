package dev.junction.agent.bench;

import dev.junction.bgp.speaker.SpeakerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Junction's BGP speaker ({@link SpeakerMain}) as a child JVM in its own namespace, so that its memory is its own
 * and not the benchmark's, driven by SpeakerMain's stdin/stdout line protocol.
 */
final class BgpSpeakerChild implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    BgpSpeakerChild(BenchNamespaces res, String namespace, Path config, Path log, List<String> jvmOptions) throws Exception {
        Path classes = Path.of(SpeakerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classes.toString(), SpeakerMain.class.getName(), config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        // One glibc arena: the speaker's native allocations are few, and per-thread arenas only add RSS.
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        process = pb.start();
        res.track(process);
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // process gone
            }
        });
        // JVM options such as -XX:StartFlightRecording print to stdout first; skip up to "ready".
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String l = ""; !l.startsWith("ready"); ) {
            l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null) {
                throw new IllegalStateException("speaker did not start; see " + log);
            }
        }
    }

    /** The PID of the JVM itself ({@code ip netns exec} execs it). */
    long pid() {
        return process.pid();
    }

    /** Sends a command, returns the lines before {@code end}; throws on {@code error} or after {@code seconds}. */
    List<String> command(String command, long seconds) throws InterruptedException {
        in.println(command);
        List<String> out = new ArrayList<>();
        while (true) {
            String l = lines.poll(seconds, TimeUnit.SECONDS);
            if (l == null) {
                throw new IllegalStateException("speaker: no answer to " + command);
            }
            if (l.equals("end")) {
                return out;
            }
            if (l.startsWith("error")) {
                throw new IllegalStateException("speaker: " + command + ": " + l);
            }
            out.add(l);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                BenchNamespaces.kill(process);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
