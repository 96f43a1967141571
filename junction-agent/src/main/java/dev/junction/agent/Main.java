package dev.junction.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code junction} command line: one subcommand per job. */
@Command(
        name = "junction",
        mixinStandardHelpOptions = true,
        version = "junction 0.1.0",
        description = "Kubernetes node network agent: service proxy on nftables, firewall and BGP pod routing.",
        subcommands = {
            AgentCommand.class,
            dev.junction.agent.sandbox.SandboxCommand.class,
            dev.junction.agent.bench.BenchCommand.class,
            dev.junction.agent.policy.PolicyCommand.class,
            dev.junction.agent.bgp.BgpCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
