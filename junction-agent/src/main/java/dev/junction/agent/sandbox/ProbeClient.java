package dev.junction.agent.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs probe_client.py inside a namespace: one process per probe doing all its tries (a new connection, hence a
 * new source port, each), one output line per try.
 */
final class ProbeClient {

    /** A TCP try (connect + read the answer) gives up after this long. */
    static final double TCP_TIMEOUT_SECONDS = 1.0;
    /** A UDP try waits this long for the reply. */
    static final double UDP_TIMEOUT_SECONDS = 0.5;

    private ProbeClient() {
    }

    /**
     * @param tries    number of connections; 0 = until killed
     * @param interval seconds between tries
     * @param giveUp   stop after this many failed tries in a row (0 = never)
     */
    static List<String> command(Path script, Protocol protocol, String ip, int port, int tries, double interval,
                                int giveUp) {
        double timeout = protocol == Protocol.UDP ? UDP_TIMEOUT_SECONDS : TCP_TIMEOUT_SECONDS;
        return List.of("/usr/bin/python3", script.toString(), protocol.lower(), ip, Integer.toString(port),
                Integer.toString(tries), Double.toString(timeout), Double.toString(interval),
                Integer.toString(giveUp));
    }

    static List<TryOutcome> run(Path script, String namespace, Protocol protocol, String ip, int port, int tries,
                                int giveUp, OwnedResources owned) {
        double timeout = protocol == Protocol.UDP ? UDP_TIMEOUT_SECONDS : TCP_TIMEOUT_SECONDS;
        Duration limit = Duration.ofMillis((long) (tries * (timeout + 0.5) * 1000) + 10_000);
        Exec.Result r = Exec.run(
                Topology.inNamespace(namespace, command(script, protocol, ip, port, tries, 0, giveUp)), null, limit,
                owned);
        List<TryOutcome> outcomes = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                outcomes.add(TryOutcome.parse(line));
            }
        }
        if (outcomes.isEmpty() && !r.ok()) {
            throw new IllegalStateException("probe client failed in " + namespace + ": " + r.stderr().strip());
        }
        return outcomes;
    }
}
