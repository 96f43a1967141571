package dev.junction.bgp.speaker;

import dev.junction.bgp.rib.Route;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Speaker} from a {@link ConfigParser} file and takes commands on stdin, one per line, each answered
 * by zero or more lines and a final {@code end} (or {@code error ...}):
 * <pre>
 *   announce 10.30.2.0/24 [64512:7 ...]   withdraw 10.30.2.0/24
 *   routes        (lines: route PREFIX nexthop ADDR|self from SOURCE path [AS ...], " stale" appended while
 *                  the route is kept over its peer's graceful restart)
 *   peers         (lines: peer NAME STATE)
 *   refresh PEER [ipv4|ipv6]   (ROUTE-REFRESH to the peer, for both families without one)
 *   established   (lines: established NAME EPOCH_MILLIS, when each session last came up, wall clock)
 *   await-routes N SECONDS [EVERY_MS]   (line: routes N at EPOCH_MILLIS, once the Loc-RIB holds N prefixes; for
 *                 benchmarks; with EVERY_MS first lines "progress COUNT at EPOCH_MILLIS" every EVERY_MS meanwhile)
 *   count         (line: locrib PREFIXES)
 *   explain PREFIX
 *   quit          (Cease to every peer, then exit; "quit graceful" closes without NOTIFICATION)
 * </pre>
 * It prints {@code ready} once the listener is up. Used by the interop test inside a network namespace and handy
 * for poking at a lab by hand: {@code java -cp junction-bgp.jar dev.junction.bgp.speaker.SpeakerMain speaker.conf}.
 */
public final class SpeakerMain {
    private SpeakerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SpeakerMain CONFIG");
            System.exit(2);
        }
        SpeakerConfig config = ConfigParser.parse(Files.readString(Path.of(args[0])));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Speaker speaker = Speaker.start(config);
        out.println("ready " + speaker.listenPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean graceful = false;
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty()) continue;
            if (w[0].equals("quit")) {
                graceful = w.length > 1 && w[1].equals("graceful");
                break;
            }
            try {
                run(speaker, w, out);
                out.println("end");
            } catch (Exception e) {
                out.println("error " + e);
            }
        }
        speaker.close(graceful);
        out.println("bye");
        System.exit(0);
    }

    private static void run(Speaker speaker, String[] w, PrintStream out) throws Exception {
        switch (w[0]) {
            case "announce" -> {
                List<Long> communities = new ArrayList<>();
                for (int i = 2; i < w.length; i++) communities.add(ConfigParser.community(w[i]));
                speaker.announce(Prefix.parse(w[1]), communities).get(5, TimeUnit.SECONDS);
            }
            case "withdraw" -> speaker.withdraw(Prefix.parse(w[1])).get(5, TimeUnit.SECONDS);
            case "routes" -> {
                List<Route> routes = new ArrayList<>(speaker.routes().get(5, TimeUnit.SECONDS));
                routes.sort(Comparator.comparing(r -> r.prefix().toString()));
                Set<Prefix> stale = speaker.staleBests().get(5, TimeUnit.SECONDS);
                for (Route r : routes) out.println(format(r) + (stale.contains(r.prefix()) ? " stale" : ""));
            }
            case "peers" -> {
                for (Map.Entry<String, ?> e : speaker.peerStates().entrySet()) out.println("peer " + e.getKey() + " " + e.getValue());
            }
            case "refresh" -> {
                List<AfiSafi> families = w.length > 2 ? List.of(family(w[2])) : List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
                for (AfiSafi f : families) speaker.requestRefresh(w[1], f);
            }
            case "established" -> {
                for (Map.Entry<String, java.time.Instant> e : speaker.establishedAt().entrySet()) {
                    out.println("established " + e.getKey() + " " + millis(e.getValue()));
                }
            }
            case "await-routes" -> {
                int n = Integer.parseInt(w[1]);
                java.util.concurrent.CompletableFuture<java.time.Instant> done = speaker.whenLocRibReaches(n);
                List<String> progress = new ArrayList<>();
                if (w.length > 3) {
                    long every = Long.parseLong(w[3]);
                    while (!done.isDone()) {
                        try {
                            done.get(every, TimeUnit.MILLISECONDS);
                        } catch (java.util.concurrent.TimeoutException e) {
                            progress.add("progress " + speaker.locRibSize().get(5, TimeUnit.SECONDS) + " at " + millis(java.time.Instant.now()));
                        }
                    }
                }
                java.time.Instant at = done.get(Long.parseLong(w[2]), TimeUnit.SECONDS);
                progress.forEach(out::println);
                out.println("routes " + n + " at " + millis(at));
            }
            case "count" -> out.println("locrib " + speaker.locRibSize().get(5, TimeUnit.SECONDS));
            case "explain" -> out.print(speaker.explain(Prefix.parse(w[1])).get(5, TimeUnit.SECONDS).render());
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        }
    }

    private static AfiSafi family(String name) {
        return switch (name) {
            case "ipv4" -> AfiSafi.IPV4_UNICAST;
            case "ipv6" -> AfiSafi.IPV6_UNICAST;
            default -> throw new IllegalArgumentException("unknown family " + name);
        };
    }

    /** Epoch milliseconds with microseconds, e.g. 1764581662123.456. */
    static String millis(java.time.Instant t) {
        return String.format(java.util.Locale.ROOT, "%.3f", t.getEpochSecond() * 1e3 + t.getNano() / 1e6);
    }

    static String format(Route r) {
        StringBuilder path = new StringBuilder();
        r.attributes().asPath().forEach(s -> s.asns().forEach(a -> path.append(' ').append(a)));
        return "route " + r.prefix() + " nexthop " + (r.attributes().nextHop() == null ? "self" : r.attributes().nextHop().getHostAddress())
                + " from " + (r.source().kind() == dev.junction.bgp.rib.Source.Kind.LOCAL ? "local" : r.source().address().getHostAddress())
                + " path [" + path.toString().trim() + "]";
    }
}
