package dev.junction.bgp.interop;

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
 * {@link SpeakerMain} as a child JVM inside a namespace ({@code ip netns exec NS java ...}), driven through its
 * stdin/stdout line protocol. The module has no dependencies, so its class directory is the whole class path.
 */
final class SpeakerProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    SpeakerProcess(String namespace, Path config, Path log) throws Exception {
        Path classes = Path.of(SpeakerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder("ip", "netns", "exec", namespace, java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classes.toString(), SpeakerMain.class.getName(), config.toString())
                .redirectError(log.toFile()).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException e) {
                // process gone
            }
        });
        String ready = lines.poll(20, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("ready")) throw new IllegalStateException("speaker did not start: " + ready);
    }

    /** Sends a command, returns the lines before {@code end}; throws on {@code error} or after 10 s. */
    List<String> command(String command) throws InterruptedException {
        in.println(command);
        List<String> out = new ArrayList<>();
        while (true) {
            String l = lines.poll(10, TimeUnit.SECONDS);
            if (l == null) throw new IllegalStateException("no answer to " + command);
            if (l.equals("end")) return out;
            if (l.startsWith("error")) throw new IllegalStateException(command + ": " + l);
            out.add(l);
        }
    }

    /** "quit": Cease to every peer, then the process exits. */
    boolean quit() throws InterruptedException {
        in.println("quit");
        return process.waitFor(10, TimeUnit.SECONDS);
    }

    /** "quit graceful": the connections close without NOTIFICATION, as for an upgrade (RFC 4724 §4.2 applies). */
    boolean quitGraceful() throws InterruptedException {
        in.println("quit graceful");
        return process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGKILL, as a crash: the kernel closes the TCP connections, no NOTIFICATION is sent. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
