package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs probes: resolves where the client runs and where it connects, runs the client, and judges the outcome.
 * Source-IP checks read the connection logs of the pod servers, so {@link #runAll} runs those probes one at a
 * time after the others (which run a few at a time, since deny probes mostly wait for timeouts).
 */
final class ProbeRunner {

    private static final int PARALLEL = 6;
    private static final int GIVE_UP_AFTER = 3;

    /** An address a probe client connects to. */
    record Endpoint(String ip, int port) {
    }

    private final ClusterState cluster;
    private final Topology topology;
    private final Path script;
    private final Supplier<Map<ObjectRef, PodServer>> servers;
    private final Function<ObjectRef, String> podNamespaces;
    private final OwnedResources owned;

    ProbeRunner(ClusterState cluster, Topology topology, Path script, Supplier<Map<ObjectRef, PodServer>> servers,
                Function<ObjectRef, String> podNamespaces, OwnedResources owned) {
        this.owned = owned;
        this.cluster = cluster;
        this.topology = topology;
        this.script = script;
        this.servers = servers;
        this.podNamespaces = podNamespaces;
    }

    ProbeResult run(Probe probe) {
        String namespace;
        Endpoint target;
        try {
            namespace = namespaceOf(probe.from());
            target = resolve(probe.to());
        } catch (IllegalArgumentException e) {
            return ProbeResult.broken(probe, e.getMessage());
        }
        boolean checkSource = probe.sourceIp() != SourceIpCheck.ANY;
        Map<PodServer, Long> offsets = new LinkedHashMap<>();
        if (checkSource) {
            servers.get().values().forEach(s -> offsets.put(s, s.logSize()));
        }
        List<TryOutcome> tries;
        try {
            // a failed try already fails any probe but a deny probe: stop after 3 in a row to fail fast
            int giveUp = probe.expect() instanceof Expectation.Deny ? 0 : GIVE_UP_AFTER;
            tries = ProbeClient.run(script, namespace, probe.to().protocol(), target.ip(), target.port(),
                    probe.tries(), giveUp, owned);
        } catch (IllegalStateException e) {
            return ProbeResult.broken(probe, e.getMessage());
        }
        List<String> seen = new ArrayList<>();
        offsets.forEach((server, offset) -> seen.addAll(server.peerIpsSince(offset)));
        // the addresses the client really sent from; the static guess only if it reported none
        Set<String> clientIps = new HashSet<>();
        tries.stream().map(TryOutcome::localIp).filter(ip -> ip != null).forEach(clientIps::add);
        if (clientIps.isEmpty()) {
            clientIps.addAll(clientIps(probe.from()));
        }
        return ProbeJudge.judge(probe, tries, seen, clientIps);
    }

    /** Runs all probes and returns their results in the given order. */
    List<ProbeResult> runAll(List<Probe> probes) {
        ProbeResult[] results = new ProbeResult[probes.size()];
        Semaphore slots = new Semaphore(PARALLEL);
        List<Future<?>> running = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i).sourceIp() != SourceIpCheck.ANY) {
                    continue;
                }
                int index = i;
                running.add(pool.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        results[index] = run(probes.get(index));
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        for (int i = 0; i < probes.size(); i++) {
            if (results[i] == null) {
                results[i] = run(probes.get(i));
            }
        }
        return List.of(results);
    }

    String namespaceOf(ProbeSource source) {
        return switch (source) {
            case ProbeSource.FromNode n -> node(n).namespace();
            case ProbeSource.FromExternal e -> topology.externalNamespace();
            case ProbeSource.FromPod p -> {
                existingPod(p.pod());
                String ns = podNamespaces.apply(p.pod());
                if (ns == null) {
                    throw new IllegalArgumentException("pod " + p.pod() + " is not running");
                }
                yield ns;
            }
        };
    }

    private SandboxNode node(ProbeSource.FromNode n) {
        return n.node() == null ? topology.layout().first() : topology.layout().requireNode(n.node());
    }

    private Set<String> nodeIps(SandboxNode node) {
        return Set.of(node.internalIp(), node.bridgeIp(), "127.0.0.1");
    }

    /** The addresses a client in {@code source} may legitimately send from. */
    Set<String> clientIps(ProbeSource source) {
        return switch (source) {
            case ProbeSource.FromNode n -> nodeIps(node(n));
            case ProbeSource.FromExternal e -> Set.copyOf(topology.layout().externalIps());
            case ProbeSource.FromPod p -> ClusterState.hostNetwork(existingPod(p.pod()))
                    ? nodeIps(cluster.hostingNode(p.pod())) : Set.of(cluster.podIp(p.pod()));
        };
    }

    Endpoint resolve(ProbeTarget target) {
        return switch (target) {
            case ProbeTarget.ToIp ip -> new Endpoint(ip.ip(), ip.port());
            case ProbeTarget.ToNodePort np -> new Endpoint(
                    (np.node() == null ? topology.layout().first() : topology.layout().requireNode(np.node()))
                            .internalIp(), np.port());
            case ProbeTarget.ToPod tp -> {
                existingPod(tp.pod());
                yield new Endpoint(cluster.podIp(tp.pod()), tp.port());
            }
            case ProbeTarget.ToService ts -> resolveService(ts);
        };
    }

    private Endpoint resolveService(ProbeTarget.ToService ts) {
        Service svc = cluster.service(ts.service());
        if (svc == null) {
            throw new IllegalArgumentException("no service " + ts.service());
        }
        String ip = svc.getSpec().getClusterIPs().stream().filter(a -> a.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "service " + ts.service() + " has no IPv4 ClusterIP (headless?): use an ip target"));
        for (ServicePort p : svc.getSpec().getPorts()) {
            boolean sameProto = ts.protocol().name().equalsIgnoreCase(p.getProtocol());
            if (sameProto && (ts.port().equals(String.valueOf(p.getPort())) || ts.port().equals(p.getName()))) {
                return new Endpoint(ip, p.getPort());
            }
        }
        throw new IllegalArgumentException("service " + ts.service() + " has no port " + ts.port() + "/"
                + ts.protocol().lower());
    }

    private Pod existingPod(ObjectRef ref) {
        Pod pod = cluster.pod(ref);
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + ref);
        }
        return pod;
    }
}
