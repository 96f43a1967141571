package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One pod's "containers": a pod_server.py process in the pod's namespace serving every declared containerPort
 * (TCP and UDP; other protocols are ignored) and answering with {@code ns/name}. Its connection log (one line per
 * connection: {@code proto localport peerip peerport}) lets probes check the client address backends saw.
 */
final class PodServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final ObjectRef pod;
    private final Process process;
    private final Path log;

    private PodServer(ObjectRef pod, Process process, Path log) {
        this.pod = pod;
        this.process = process;
        this.log = log;
    }

    /** Starts the server; call {@link #awaitReady} before sending traffic to it. */
    static PodServer start(Pod pod, String namespace, Path script, Path logDir, OwnedResources owned) {
        ObjectRef ref = ObjectRef.of(pod);
        Path log = logDir.resolve(ref.namespace() + "_" + ref.name() + ".log");
        Path err = logDir.resolve(ref.namespace() + "_" + ref.name() + ".err");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), ref.toString(),
                log.toString(), "0.0.0.0"));
        cmd.addAll(portSpecs(pod));
        try {
            Files.deleteIfExists(log);
            Files.createFile(log);
            Process p = new ProcessBuilder(Topology.inNamespace(namespace, cmd))
                    .redirectError(err.toFile()).redirectInput(Exec.NO_INPUT)
                    .start();
            owned.process(p);
            return new PodServer(ref, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("starting the server of pod " + ref, e);
        }
    }

    /** "tcp:8080", "udp:5353", ... for every TCP/UDP containerPort, without duplicates. */
    static List<String> portSpecs(Pod pod) {
        Set<String> specs = new LinkedHashSet<>();
        for (var c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts()) {
                String proto = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT);
                if ((proto.equals("tcp") || proto.equals("udp")) && p.getContainerPort() != null) {
                    specs.add(proto + ":" + p.getContainerPort());
                }
            }
        }
        return List.copyOf(specs);
    }

    /** Waits until every socket is bound (the script prints READY). */
    void awaitReady() {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        }, Thread::startVirtualThread);
        try {
            String first = line.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!"READY".equals(first)) {
                throw new IllegalStateException("server of pod " + pod + " did not start: " + errors());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("server of pod " + pod + " not ready after " + READY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    ObjectRef pod() {
        return pod;
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    /** Current length of the connection log, to read what a probe added afterwards. */
    long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The peer IPs logged after byte offset {@code from}. */
    List<String> peerIpsSince(long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            if (from >= all.length) {
                return List.of();
            }
            String text = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
            List<String> ips = new ArrayList<>();
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3) {
                    ips.add(f[2]);
                }
            }
            return ips;
        } catch (IOException e) {
            return List.of();
        }
    }

    void stop(OwnedResources owned) {
        OwnedResources.stopAll(List.of(process));
        owned.forgetProcess(process);
    }

    private String errors() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
            Path err = log.resolveSibling(log.getFileName().toString().replace(".log", ".err"));
            return Files.exists(err) ? Files.readString(err).strip() : "(no stderr)";
        } catch (IOException | InterruptedException e) {
            return "(stderr unreadable)";
        }
    }
}
