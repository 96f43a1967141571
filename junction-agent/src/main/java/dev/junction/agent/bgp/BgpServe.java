package dev.junction.agent.bgp;

import dev.junction.bgp.speaker.Speaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * {@code junction bgp serve --config FILE}: the speaker as a daemon, like gobgpd or bird. On SIGTERM or SIGINT it
 * closes its sessions; with graceful restart configured it closes them without a NOTIFICATION, so that peers keep
 * its routes for the Restart Time while it is being restarted (RFC 4724 §4.2), unless {@code --cease-on-exit}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the BGP speaker from a YAML configuration file.")
public final class BgpServe implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BgpServe.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration (see the README).")
    Path config;

    @Option(names = "--cease-on-exit", description = "On exit, send Cease to every peer even if graceful restart is on (peers drop our routes at once).")
    boolean ceaseOnExit;

    @Option(names = "--check", description = "Parse the configuration, print what it configures, and exit.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        BgpConfigFile.Parsed parsed;
        try {
            parsed = BgpConfigFile.read(config);
        } catch (YamlTree.ConfigException e) {
            System.err.println("junction bgp serve: " + config + ": " + e.getMessage());
            return 2;
        }
        var c = parsed.speaker();
        if (check) {
            System.out.println("router id " + c.routerId().getHostAddress() + ", AS " + c.asn() + ", " + c.peers().size() + " peer(s), "
                    + c.originated().size() + " originated prefix(es)");
            c.peers().forEach(p -> System.out.println("  " + p));
            return 0;
        }
        Speaker speaker = Speaker.start(c);
        BgpAdminServer admin = null;
        if (parsed.admin() != null) {
            admin = new BgpAdminServer(speaker, parsed.admin());
            admin.start();
        }
        LOG.info("BGP speaker {} AS {} up: listening on {}, {} peer(s)", c.routerId().getHostAddress(), c.asn(),
                c.listen() == null ? "nothing" : BgpAdminServer.hostPort(new java.net.InetSocketAddress(c.listen().getAddress(), speaker.listenPort())),
                c.peers().size());
        boolean graceful = c.gracefulRestart().enabled() && !ceaseOnExit;
        CountDownLatch stopped = new CountDownLatch(1);
        BgpAdminServer adminServer = admin;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the BGP speaker ({})", graceful ? "graceful restart: no NOTIFICATION, peers keep our routes" : "Cease to every peer");
            if (adminServer != null) adminServer.close();
            speaker.close(graceful);
            stopped.countDown();
        }, "bgp-shutdown"));
        stopped.await();
        return 0;
    }
}
