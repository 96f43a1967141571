package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away node (or several, {@link NodeLayout}) with the real agent on it, for the {@code junction sandbox}
 * command and kernel-lane tests. {@link #start} reads a scenario folder, builds the namespaces ({@link Topology}),
 * starts one server per pod, writes the manifests the agents read ({@link ClusterState}, {@link ManifestFolder}),
 * starts the external BIRD if asked ({@link BirdRouter}) and the agents, and, multi-node, waits for the routes
 * ({@link MeshConvergence}). The
 * handle then plays the control plane: changes go through {@link ClusterState} and are written out as the API
 * server and EndpointSlice controller would. {@link #close} (also run by a JVM shutdown hook) stops every
 * process and deletes every namespace this sandbox created.
 *
 * <p>Not thread-safe except {@link #probe} / {@link #runProbes}, which may run while traffic loops run.
 */
public final class Sandbox implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scenario scenario;
    private final SandboxOptions options;
    private final WorkDir workDir;
    private final OwnedResources owned = new OwnedResources();
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(30);

    private final NodeLayout layout;
    private final Topology topology;
    private final ClusterState cluster;
    private final ManifestFolder manifests;
    private final PodRuntime pods;
    private final ProbeRunner probes;
    private final Agents agent;
    private final BirdRouter bird;
    private final Path probeScript;
    private final Thread shutdownHook;
    private boolean closed;
    private boolean keepWorkDir;

    private Sandbox(Scenario scenario, SandboxOptions options) throws IOException {
        this.scenario = scenario;
        this.options = options;
        int n = INSTANCES.incrementAndGet();
        String prefix = "js" + ProcessHandle.current().pid() + (n == 1 ? "" : "s" + n);
        this.workDir = new WorkDir(prefix);
        this.shutdownHook = new Thread(this::release, prefix + "-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.layout = NodeLayout.of(prefix, scenario.probes());
        this.topology = new Topology(layout, owned);
        this.cluster = ClusterState.of(layout);
        this.manifests = new ManifestFolder(workDir.resolve("manifests"));
        Path podLogs = Files.createDirectories(workDir.resolve("pods"));
        this.pods = new PodRuntime(topology, owned, workDir.script("pod_server.py"), podLogs);
        this.probeScript = workDir.script("probe_client.py");
        this.probes = new ProbeRunner(cluster, topology, probeScript, pods::servers,
                ref -> pods.namespaceOf(ref, cluster), owned);
        List<String> agentArgs = new ArrayList<>(scenario.probes().agentArgs());
        agentArgs.addAll(options.extraAgentArgs());
        boolean withBird = "bird".equals(scenario.probes().externalRouter());
        this.bird = withBird ? new BirdRouter(layout, workDir.root(), owned) : null;
        this.agent = Agents.of(layout, manifests.dir(), workDir, agentArgs, withBird, owned);
    }

    /** Starts a sandbox with the agent, from a scenario folder. */
    public static Sandbox start(Path scenarioDir, List<String> extraAgentArgs) throws IOException {
        return start(scenarioDir, SandboxOptions.withAgent(extraAgentArgs));
    }

    public static Sandbox start(Path scenarioDir, SandboxOptions options) throws IOException {
        return start(ScenarioLoader.load(scenarioDir), options);
    }

    public static Sandbox start(Scenario scenario, SandboxOptions options) throws IOException {
        Sandbox sandbox = new Sandbox(scenario, options);
        try {
            sandbox.setUp();
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.keepWorkDir = true;
            sandbox.close();
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalStateException(why + "\n(work directory kept: " + sandbox.workDir() + ")", e);
        } catch (Error e) {
            sandbox.close();
            throw e;
        }
    }

    private void setUp() {
        long t0 = System.nanoTime();
        scenario.warnings().forEach(w -> options.progress().accept("warning: " + w));
        cluster.applyAll(scenario.objects());
        topology.build();
        pods.start(cluster.pods(), cluster);
        manifests.sync(cluster.desiredObjects());
        if (bird != null) {
            bird.start();
        }
        options.progress().accept(String.format("sandbox: %s, %d pods, ready in %d ms", layout.describe(),
                cluster.pods().size(), millisSince(t0)));
        if (!options.runAgent()) {
            return;
        }
        startAgent();
        options.progress().accept(String.format("sandbox: %s healthy after %d ms total (%s)",
                layout.multiNode() ? "agents" : "agent", millisSince(t0), layout.multiNode()
                        ? "logs " + workDir.root() + "/agent-*.log" : "log " + agent.log()));
        if (layout.multiNode()) {
            List<String> missing = MeshConvergence.await(layout, bird != null, CONVERGENCE_TIMEOUT, owned);
            options.progress().accept(missing.isEmpty()
                    ? String.format("sandbox: routes converged after %d ms total", millisSince(t0))
                    : "warning: routes still missing after " + CONVERGENCE_TIMEOUT.toSeconds() + " s: " + missing);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Runs one probe now. */
    public ProbeResult probe(Probe probe) {
        return probes.run(probe);
    }

    /** Re-runs {@code probe} until it passes or {@code timeout} passes (for changes the agent applies later). */
    public ProbeResult awaitProbe(Probe probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProbeResult result = probes.run(probe);
        while (!result.passed() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            result = probes.run(probe);
        }
        return result;
    }

    /** Runs the scenario's probes (results in file order). */
    public List<ProbeResult> runProbes() {
        return probes.runAll(scenario.probes().probes());
    }

    public List<ProbeResult> runProbes(List<Probe> list) {
        return probes.runAll(list);
    }

    /** Changes a pod's endpoint conditions and regenerates the EndpointSlices. */
    public void setPodCondition(String pod, boolean ready, boolean serving, boolean terminating) {
        cluster.setPodConditions(ObjectRef.parse(pod), new PodConditions(ready, serving, terminating));
        sync();
    }

    /** Deletes a pod: its endpoints go first (as the controller would see it), then its server and namespace. */
    public void deletePod(String pod) {
        ObjectRef ref = ObjectRef.parse(pod);
        if (!cluster.delete("Pod", ref)) {
            throw new IllegalArgumentException("no pod " + ref);
        }
        sync();
        pods.stop(ref);
    }

    /** Adds (or replaces) a pod: wires it, starts its server, then publishes it and its endpoints. */
    public void addPod(Pod pod) {
        applyManifest(pod);
    }

    /** Applies one object (Pod, Service, Namespace, Node, EndpointSlice) as {@code kubectl apply} would. */
    public void applyManifest(HasMetadata object) {
        cluster.apply(object);
        if (object instanceof Pod p) {
            pods.start(List.of(cluster.pod(ObjectRef.of(namespacedCopy(p)))), cluster);
        }
        sync();
    }

    /** Applies every object of a (multi-document) YAML text. */
    public void applyManifest(String yaml) {
        Object parsed;
        try (InputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))) {
            parsed = Serialization.unmarshal(in, KubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Object o : parsed instanceof List<?> list ? list : List.of(parsed)) {
            applyManifest((HasMetadata) o);
        }
    }

    /** Deletes a Service, EndpointSlice, Node or Namespace by kind and "ns/name" (pods: {@link #deletePod}). */
    public void deleteManifest(String kind, String ref) {
        if ("Pod".equals(kind)) {
            deletePod(ref);
            return;
        }
        if (!cluster.delete(kind, ObjectRef.parse(ref))) {
            throw new IllegalArgumentException("no " + kind + " " + ref);
        }
        sync();
    }

    /** Starts the agent of every node (again) and waits until they are healthy. */
    public void startAgent() {
        agent.start(options.agentStartTimeout());
    }

    /** SIGKILLs the agent(s), as a crash would; their rules and routes stay in the node namespaces. */
    public void killAgent9() {
        agent.kill9();
    }

    /** Stops the agent gracefully (SIGTERM). */
    public void stopAgent() {
        agent.stop();
    }

    public boolean agentAlive() {
        return agent.alive();
    }

    /** The (first node's) agent log. */
    public Path agentLog() {
        return agent.log();
    }

    /** Every node's agent log, in node order. */
    public List<Path> agentLogs() {
        return agent.logs();
    }

    public String agentLogTail(int lines) {
        return agent.logTail(lines);
    }

    /** Keeps opening connections from {@code from} to {@code to} (probe syntax) every {@code interval}. */
    public TrafficLoop startTraffic(String from, String to, Duration interval) {
        ProbeSource source = ProbeSource.parse(from);
        ProbeTarget target = ProbeTarget.parse(to);
        ProbeRunner.Endpoint e = probes.resolve(target);
        List<String> cmd = ProbeClient.command(probeScript, target.protocol(), e.ip(), e.port(), 0,
                interval.toMillis() / 1000.0, 0);
        try {
            Process p = new ProcessBuilder(Topology.inNamespace(probes.namespaceOf(source), cmd))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            owned.process(p);
            return new TrafficLoop(p, () -> owned.forgetProcess(p));
        } catch (IOException ex) {
            throw new UncheckedIOException("starting traffic", ex);
        }
    }

    /** Runs a command inside the namespace of {@code from} ("node", "node NAME", "external" or "ns/pod"). */
    public Exec.Result exec(String from, String... command) {
        return Exec.run(Topology.inNamespace(probes.namespaceOf(ProbeSource.parse(from)), List.of(command)), null,
                Duration.ofSeconds(30), owned);
    }

    /** The control-plane state (defaulted services, pod IPs). */
    public ClusterState cluster() {
        return cluster;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The namespaces this sandbox created (node(s), external or wire, one per bridged pod). */
    public List<String> namespaces() {
        return owned.namespaces();
    }

    public Path workDir() {
        return workDir.root();
    }

    public Path manifestsDir() {
        return manifests.dir();
    }

    /** Keep the work directory (logs, manifests) after {@link #close}, e.g. because something failed. */
    public void keepWorkDir(boolean keep) {
        this.keepWorkDir = keep;
    }

    /** Stops the agent, every pod server and traffic loop, and deletes every namespace this sandbox made. */
    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or ran
        }
    }

    private synchronized void release() {
        if (closed) {
            return;
        }
        closed = true;
        if (agent != null) { // null only if the constructor failed half-way
            agent.stop();
        }
        List<String> problems = owned.release();
        problems.forEach(p -> System.err.println("sandbox cleanup: " + p));
        if (!keepWorkDir) {
            workDir.delete();
        }
    }

    private void sync() {
        manifests.sync(cluster.desiredObjects());
    }

    private static Pod namespacedCopy(Pod p) {
        Pod copy = Serialization.clone(p);
        if (copy.getMetadata().getNamespace() == null) {
            copy.getMetadata().setNamespace(ObjectRef.DEFAULT_NAMESPACE);
        }
        return copy;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
