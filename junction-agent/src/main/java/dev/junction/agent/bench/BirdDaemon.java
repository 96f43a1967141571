package dev.junction.agent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A BIRD 2 daemon in a benchmark namespace ({@code bird -f -c CONF -s SOCK -P PID}, lab.md §5), driven over its
 * control socket directly rather than by one {@code birdc} process per query: polling a counter every few
 * milliseconds then costs BIRD one short reply and the benchmark no process start, so the poll hardly disturbs
 * what it measures. Stopped through its process handle (never by name).
 */
final class BirdDaemon implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final SocketChannel control;
    private final BufferedReader replies;
    private final OutputStream commands;

    private BirdDaemon(Process process, Path dir, SocketChannel control) {
        this.process = process;
        this.dir = dir;
        this.control = control;
        this.replies = new BufferedReader(new InputStreamReader(Channels.newInputStream(control), StandardCharsets.US_ASCII));
        this.commands = Channels.newOutputStream(control);
    }

    /** Starts BIRD with {@code config} in {@code namespace}, files under {@code dir}; waits for its control socket. */
    static BirdDaemon start(BenchNamespaces res, Path bird, String namespace, Path dir, String config)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("bird.conf");
        Files.writeString(conf, config, StandardCharsets.US_ASCII);
        Path socket = dir.resolve("bird.ctl");
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, bird.toString(), "-f", "-c", conf.toString(),
                "-s", socket.toString(), "-P", dir.resolve("bird.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bird.log").toFile()).start();
        res.track(p);
        // A large static table takes BIRD a while to parse before the socket appears.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(socket)) {
            if (!p.isAlive()) {
                throw new IOException("bird exited: " + Files.readString(dir.resolve("bird.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("bird did not create " + socket);
            }
            Thread.sleep(20);
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        BirdDaemon d = new BirdDaemon(p, dir, ch);
        d.reply(); // the "0001 BIRD 2.x ready." greeting
        return d;
    }

    /** The PID of the bird process itself ({@code ip netns exec} execs it). */
    long pid() {
        return process.pid();
    }

    /** Runs one CLI command and returns its reply lines, without the 4-digit codes. */
    synchronized List<String> cli(String command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        commands.flush();
        return reply();
    }

    /**
     * One reply: lines {@code CODE-text} or {@code  text} (continuation) up to the first {@code CODE text}, as
     * birdc reads them (client.c server_got_reply).
     */
    private List<String> reply() throws IOException {
        List<String> out = new ArrayList<>();
        while (true) {
            String l = replies.readLine();
            if (l == null) {
                throw new IOException("bird closed its control socket");
            }
            if (l.startsWith(" ")) {
                out.add(l.substring(1));
                continue;
            }
            if (l.length() >= 5 && Character.isDigit(l.charAt(0)) && (l.charAt(4) == ' ' || l.charAt(4) == '-')) {
                if (!l.startsWith("0000")) {
                    out.add(l.substring(5));
                }
                if (l.charAt(4) == ' ') {
                    if (l.charAt(0) == '8' || l.charAt(0) == '9') {
                        throw new IOException("bird: " + l);
                    }
                    return out;
                }
            } else {
                out.add(l);
            }
        }
    }

    /** The protocol's line of {@code show protocols}, split on blanks: name, proto, table, state, since..., info. */
    String[] protocolLine(String protocol) throws IOException {
        for (String l : cli("show protocols " + protocol)) {
            String[] w = l.trim().split("\\s+");
            if (w.length > 0 && w[0].equals(protocol)) {
                return w;
            }
        }
        return new String[0];
    }

    /** The "N imported" figure of {@code show protocols all PROTOCOL} (a counter; BIRD does not walk a table). */
    long imported(String protocol) throws IOException {
        for (String l : cli("show protocols all " + protocol)) {
            String t = l.trim();
            if (t.startsWith("Routes:")) {
                String[] w = t.substring(7).trim().split("\\s+");
                return Long.parseLong(w[0]);
            }
        }
        return 0;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            control.close();
        } catch (IOException e) {
            // going anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            BenchNamespaces.kill(process);
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
