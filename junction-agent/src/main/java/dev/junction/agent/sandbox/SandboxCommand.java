package dev.junction.agent.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code junction sandbox [DIR]}: builds a throw-away node from a scenario folder, runs the real agent on it,
 * runs the scenario's probes, prints a table and {@code sandbox: N passed, N failed}, and deletes everything.
 * A thin layer over {@link Sandbox}.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {
            "Builds a throw-away node in network namespaces from a scenario folder (Kubernetes manifests + "
                    + "probes.yaml), runs the agent on it, checks the probes and removes everything. Needs root.",
            "Exit code 0 only if every probe matched."})
public final class SandboxCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "examples/sandbox",
            description = "scenario folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--no-agent", description = "do not start the agent (tests the harness: pod->pod, node->pod, "
            + "external->node probes)")
    boolean noAgent;

    @Option(names = "--only", paramLabel = "TEXT", description = "run only probes whose name contains TEXT")
    String only;

    @Option(names = "--keep", description = "keep the work directory (manifests, logs) even if all probes pass")
    boolean keep;

    @Option(names = "--agent-arg", paramLabel = "ARG", description = "extra agent argument (repeatable)")
    List<String> agentArgs = new ArrayList<>();

    @Override
    public Integer call() {
        if (ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(false)) {
            System.err.println("sandbox: needs root (it creates network namespaces)");
            return 2;
        }
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(dir);
        } catch (IOException e) {
            System.err.println("sandbox: " + e.getMessage());
            return 2;
        }
        List<Probe> selected = scenario.probes().probes().stream()
                .filter(p -> only == null || p.name().contains(only)).toList();
        SandboxOptions options = (noAgent ? SandboxOptions.withoutAgent() : SandboxOptions.withAgent(agentArgs))
                .withProgress(System.out::println);
        long t0 = System.nanoTime();
        List<ProbeResult> results;
        try (Sandbox sandbox = Sandbox.start(scenario, options)) {
            results = sandbox.runProbes(selected);
            report(sandbox, results);
        } catch (IOException | RuntimeException e) {
            System.err.println("sandbox: " + e.getMessage());
            if (System.getenv("SANDBOX_DEBUG") != null) {
                e.printStackTrace();
            }
            // keep the contract of the last line for scripts: nothing ran, so nothing passed
            System.out.println(ResultTable.summary(selected.stream()
                    .map(p -> ProbeResult.broken(p, "sandbox failed")).toList()));
            return 1;
        }
        System.out.printf("sandbox: ran in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(ResultTable.summary(results));
        return results.stream().allMatch(ProbeResult::passed) ? 0 : 1;
    }

    private void report(Sandbox sandbox, List<ProbeResult> results) {
        boolean allPassed = results.stream().allMatch(ProbeResult::passed);
        sandbox.keepWorkDir(keep || !allPassed);
        System.out.println();
        System.out.print(ResultTable.render(results));
        System.out.println();
        if (!allPassed && !noAgent) {
            List<Path> logs = sandbox.agentLogs();
            System.out.println((logs.size() == 1 ? "agent log: " + logs.getFirst() : "agent logs:") + " (last lines:)");
            System.out.println(sandbox.agentLogTail(logs.size() == 1 ? 25 : 12));
        }
        if (keep || !allPassed) {
            System.out.println("work directory kept: " + sandbox.workDir());
        }
    }
}
