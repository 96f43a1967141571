package dev.junction.bgp.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GoBGP 3 ({@code gobgpd}) in the foreground inside a namespace (lab.md §5), driven with its CLI {@code gobgp}
 * against the gRPC API on 127.0.0.1 of that namespace (each namespace has its own loopback, so the port is ours).
 * {@code ip netns exec} execs the daemon, so the child's PID is gobgpd's: it is stopped or killed by that PID only.
 * It can be killed abruptly and started again, to exercise graceful restart.
 */
final class GoBgpProcess implements AutoCloseable {
    private static final int API_PORT = 50051;

    private final Path gobgpd;
    private final Path gobgp;
    private final String namespace;
    private final Path config;
    private final Path log;
    private Process process;

    GoBgpProcess(Path gobgpd, Path gobgp, String namespace, LabDir dir, String config) throws Exception {
        this.gobgpd = gobgpd;
        this.gobgp = gobgp;
        this.namespace = namespace;
        this.config = dir.write("gobgpd.toml", config);
        this.log = dir.resolve("gobgpd.log");
        start(false);
    }

    /**
     * Starts gobgpd and waits for its API. {@code restarting}: {@code -r}, GoBGP's graceful-restart flag, which sets
     * the Restart State bit and, for families with mp-graceful-restart, the Forwarding State bit in its OPENs.
     */
    void start(boolean restarting) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, gobgpd.toString(), "-f", config.toString(),
                "-p", "--api-hosts=127.0.0.1:" + API_PORT, "--pprof-disable"));
        if (restarting) cmd.add("-r");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Poll.until("gobgpd's API in " + namespace, 10, () -> {
            if (!process.isAlive()) throw new IOException("gobgpd exited (" + process.exitValue() + "), see " + log);
            return Lab.output(cli("global")).contains("AS:");
        });
    }

    private String[] cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, gobgp.toString(), "-u", "127.0.0.1", "-p", String.valueOf(API_PORT)));
        cmd.addAll(Arrays.asList(args));
        return cmd.toArray(String[]::new);
    }

    /** {@code gobgp ARGS...} (the CLI split on spaces); throws if it fails. */
    String gobgp(String args) throws IOException, InterruptedException {
        return Lab.run(cli(args.split(" ")));
    }

    /** True if {@code gobgp neighbor ADDR} reports the session ESTABLISHED. */
    boolean established(String neighbor) throws IOException, InterruptedException {
        return state(neighbor).equals("ESTABLISHED");
    }

    /** The FSM state from {@code gobgp neighbor ADDR} ("BGP state = ACTIVE" gives "ACTIVE"), or "" if not shown. */
    String state(String neighbor) throws IOException, InterruptedException {
        for (String line : Lab.output(cli("neighbor", neighbor)).split("\n")) {
            String t = line.trim();
            if (t.startsWith("BGP state = ")) return t.substring("BGP state = ".length()).split("[ ,]")[0];
        }
        return "";
    }

    /**
     * The rows of {@code gobgp neighbor ADDR adj-in -a FAMILY} (what the peer sent, after no policy) whose prefix
     * column is {@code prefix}, whitespace-collapsed: "ID PREFIX NEXTHOP [AS_PATH...] AGE ATTRS".
     */
    List<String> adjIn(String neighbor, String family, String prefix) throws IOException, InterruptedException {
        List<String> rows = new ArrayList<>();
        for (String line : Lab.output(cli("neighbor", neighbor, "adj-in", "-a", family)).split("\n")) {
            String row = line.trim().replaceAll("\\s+", " ");
            String[] w = row.split(" ");
            if (w.length > 2 && w[1].equals(prefix)) rows.add(row);
        }
        return rows;
    }

    /** The Loc-RIB rows of {@code gobgp global rib -a FAMILY PREFIX}: status (e.g. "*>" or "S*>"), prefix, next hop... */
    List<String> rib(String family, String prefix) throws IOException, InterruptedException {
        List<String> rows = new ArrayList<>();
        for (String line : Lab.output(cli("global", "rib", "-a", family, prefix)).split("\n")) {
            if (line.contains(prefix)) rows.add(line.trim().replaceAll("\\s+", " "));
        }
        return rows;
    }

    /** A counter from the "Message statistics" of {@code gobgp neighbor ADDR}, e.g. ("Route Refresh", rcvd). */
    long messages(String neighbor, String kind, boolean received) throws IOException, InterruptedException {
        for (String line : Lab.output(cli("neighbor", neighbor)).split("\n")) {
            String t = line.trim();
            if (t.startsWith(kind + ":")) {
                String[] w = t.substring(kind.length() + 1).trim().split("\\s+");
                return Long.parseLong(w[received ? 1 : 0]);
            }
        }
        throw new IOException("no '" + kind + "' statistics for neighbor " + neighbor);
    }

    /** SIGKILL by gobgpd's own PID, as a crash: the kernel closes its connections, no NOTIFICATION. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
