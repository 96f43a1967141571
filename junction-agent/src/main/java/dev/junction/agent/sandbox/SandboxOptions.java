package dev.junction.agent.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How to run a sandbox.
 *
 * @param runAgent           start the agent (false: topology, pods and manifests only, for harness tests)
 * @param extraAgentArgs     appended to the agent's command line (after the scenario's {@code agentArgs})
 * @param agentStartTimeout  how long to wait for the agent's healthz to answer 200
 * @param progress           receives one line per setup step (e.g. System.out::println), or ignores them
 */
public record SandboxOptions(boolean runAgent, List<String> extraAgentArgs, Duration agentStartTimeout,
                             Consumer<String> progress) {

    public SandboxOptions {
        extraAgentArgs = List.copyOf(extraAgentArgs);
        if (progress == null) {
            progress = line -> { };
        }
    }

    public static SandboxOptions withAgent(List<String> extraAgentArgs) {
        return new SandboxOptions(true, extraAgentArgs, Duration.ofSeconds(60), null);
    }

    public static SandboxOptions withoutAgent() {
        return new SandboxOptions(false, List.of(), Duration.ofSeconds(60), null);
    }

    public SandboxOptions withProgress(Consumer<String> sink) {
        return new SandboxOptions(runAgent, extraAgentArgs, agentStartTimeout, sink);
    }
}
