package dev.junction.agent.bgp;

import picocli.CommandLine.Command;

/** {@code junction bgp}: the BGP speaker on its own, and questions to a running one. */
@Command(name = "bgp", mixinStandardHelpOptions = true,
        description = "Run the BGP speaker standalone, or ask a running speaker (agent or `bgp serve`) through its localhost admin endpoint.",
        subcommands = {BgpServe.class, BgpQueries.Neighbors.class, BgpQueries.Rib.class, BgpQueries.Explain.class})
public final class BgpCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
