package dev.junction.agent.bench;

import picocli.CommandLine.Command;

/** {@code junction bench}: benchmarks, never timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and write its figures as JSON.",
        subcommands = {ProxyBench.class, BgpBench.class, RoutingBench.class, dev.junction.agent.policy.PolicyBench.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
