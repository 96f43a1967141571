package dev.junction.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * BIRD 2 in the foreground inside a namespace ({@code bird -f -c CONF -s SOCK -P PID}, lab.md §5), queried with
 * {@code birdc -s SOCK}, stopped by the PID from its pidfile.
 */
final class BirdProcess implements AutoCloseable {
    private final Path bird;
    private final Path birdc;
    private final Path socket;
    private final Path pidFile;
    private final Process process;

    BirdProcess(Path bird, Path birdc, String namespace, Path dir, String config) throws IOException, InterruptedException {
        this.bird = bird;
        this.birdc = birdc;
        Path conf = dir.resolve("bird.conf");
        Files.writeString(conf, config);
        this.socket = dir.resolve("bird.ctl");
        this.pidFile = dir.resolve("bird.pid");
        process = new ProcessBuilder("ip", "netns", "exec", namespace, bird.toString(), "-f", "-c", conf.toString(),
                "-s", socket.toString(), "-P", pidFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bird.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!process.isAlive()) throw new IOException("bird exited: " + Files.readString(dir.resolve("bird.log")));
            if (System.nanoTime() > deadline) throw new IOException("bird did not create " + socket);
            Thread.sleep(20);
        }
    }

    /** {@code birdc -s SOCK ARGS...}: its output, also when it reports an error such as "Network not found". */
    String cli(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[3 + args.length];
        cmd[0] = birdc.toString();
        cmd[1] = "-s";
        cmd[2] = socket.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        return Lab.output(cmd);
    }

    /** The protocol's BGP state column from {@code show protocols}, e.g. "Established". */
    String state(String protocol) throws IOException, InterruptedException {
        for (String line : cli("show", "protocols", protocol).split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 6 && w[0].equals(protocol)) return w[5];
        }
        return "";
    }

    private Optional<ProcessHandle> daemon() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // Stop BIRD by its own PID (lab.md §3: every daemon is killed by PID, never by name).
        Optional<ProcessHandle> pid = daemon();
        pid.ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            pid.ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return bird + " on " + socket;
    }
}
