package dev.junction.agent.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code junction policy}: questions about NetworkPolicy. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Questions about NetworkPolicy.",
        subcommands = {PolicyExplain.class})
public final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
