package dev.junction.agent.router;

import dev.junction.router.plan.KernelRoutePlan;
import dev.junction.router.plan.LocalSubnet;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * What the router asks of the kernel: the node's connected subnets, and the learned pod routes brought to what
 * the plan says. {@link NetlinkRouting} does it over rtnetlink; tests use a recording fake.
 */
public interface KernelRouting extends AutoCloseable {
    /** The subnets of this node's interfaces (a next hop inside one is reached directly). */
    List<LocalSubnet> localSubnets() throws IOException;

    /** Whether routes of Junction's protocol are in the kernel already: a restart, not a first start. */
    boolean hasOwnRoutes() throws IOException;

    /**
     * Adds and replaces what {@code desired} holds and, with {@code mayDelete}, removes Junction's routes, tunnel
     * neighbours and forwarding entries it does not hold. While a graceful restart is still converging nothing is
     * removed: the old routes keep carrying traffic until the peers have re-sent theirs.
     *
     * @param tunnelSource this node's address, the local end of the overlay (null: no overlay possible)
     */
    void apply(KernelRoutePlan.Desired desired, boolean mayDelete, InetAddress tunnelSource) throws IOException;

    @Override
    void close();
}
