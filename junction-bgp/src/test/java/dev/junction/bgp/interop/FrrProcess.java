package dev.junction.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FRR 8 in a namespace: zebra and bgpd from {@code /usr/lib/frr} in the foreground, as the package's user frr (FRR
 * refuses {@code -u root}), with private vty/zserv sockets and pid files in a directory of their own (lab.md §5);
 * queried with {@code vtysh --vty_socket DIR}. zebra runs too because bgpd learns connected networks and next-hop
 * reachability from it. {@code ip netns exec} execs each daemon, so the children's PIDs are the daemons': they are
 * stopped or killed by those PIDs only. bgpd alone can be killed abruptly and started again (graceful restart).
 */
final class FrrProcess implements AutoCloseable {
    static final Path DAEMONS = Path.of("/usr/lib/frr");

    private final String namespace;
    private final Path dir;
    private final List<String> listen;
    private final Path logDir;
    private final Process zebra;
    private Process bgpd;

    /** {@code listen}: the addresses bgpd binds (its {@code -l}); the session sources are set in {@code bgpdConf}. */
    FrrProcess(String namespace, LabDir lab, String bgpdConf, List<String> listen) throws Exception {
        this.namespace = namespace;
        this.dir = lab.resolve("frr");
        this.listen = listen;
        this.logDir = lab.path;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("zebra.conf"), "");
        Files.writeString(dir.resolve("bgpd.conf"), bgpdConf);
        Lab.run("chown", "-R", "frr:frr", dir.toString());
        zebra = start("zebra", List.of());
        Poll.until("zebra's zserv socket", 10, () -> {
            if (!zebra.isAlive()) throw new IOException("zebra exited, see zebra.log");
            return Files.exists(dir.resolve("zserv.api"));
        });
        startBgpd();
    }

    private Process start(String daemon, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, DAEMONS.resolve(daemon).toString(),
                "-u", "frr", "-g", "frr", "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-P", "0",
                "-f", dir.resolve(daemon + ".conf").toString(), "-i", dir.resolve(daemon + ".pid").toString()));
        cmd.addAll(extra);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(daemon + ".log").toFile())).start();
    }

    /** Starts bgpd (again) and waits until its vty answers. */
    void startBgpd() throws Exception {
        List<String> extra = new ArrayList<>();
        for (String a : listen) extra.addAll(List.of("-l", a));
        bgpd = start("bgpd", extra);
        Poll.until("bgpd's vty", 10, () -> {
            if (!bgpd.isAlive()) throw new IOException("bgpd exited, see bgpd.log");
            return vtysh("show bgp summary").contains("BGP router identifier");
        });
    }

    /** {@code vtysh -c C1 -c C2 ...}: its output whatever the exit code. */
    String vtysh(String... commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "vtysh", "--vty_socket", dir.toString()));
        for (String c : commands) cmd.addAll(List.of("-c", c));
        return Lab.output(cmd.toArray(String[]::new));
    }

    /** Runs commands in vtysh's configure mode, e.g. "router bgp 64512", "address-family ipv4 unicast", "no network ...". */
    void configure(String... commands) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("configure terminal"));
        all.addAll(List.of(commands));
        vtysh(all.toArray(String[]::new));
    }

    boolean established(String neighbor) throws IOException, InterruptedException {
        return vtysh("show bgp neighbor " + neighbor).contains("BGP state = Established");
    }

    /** {@code show bgp FAMILY unicast PREFIX}: the detailed entry, or "% Network not in table". */
    String route(String family, String prefix) throws IOException, InterruptedException {
        return vtysh("show bgp " + family + " unicast " + prefix);
    }

    /** A counter from {@code show bgp neighbor ADDR json}'s messageStats, e.g. "routeRefreshRecv". */
    long messages(String neighbor, String counter) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"" + counter + "\"\\s*:\\s*(\\d+)").matcher(vtysh("show bgp neighbor " + neighbor + " json"));
        if (!m.find()) throw new IOException("no " + counter + " for neighbor " + neighbor);
        return Long.parseLong(m.group(1));
    }

    /** SIGKILL to bgpd by its own PID, as a crash: the kernel closes its connections, no NOTIFICATION. */
    void killBgpd() throws InterruptedException {
        bgpd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : new Process[]{bgpd, zebra}) {
            if (p == null || !p.isAlive()) continue;
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
