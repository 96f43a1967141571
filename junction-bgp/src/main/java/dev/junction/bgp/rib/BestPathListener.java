package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;

import java.util.Optional;

/**
 * Told when the best path to a prefix changes: appears, is replaced, or goes away. Called on the RIB's owner
 * thread, so it must be quick and must not block; hand work to another thread (the route programmer, for
 * instance). An exception is logged and does not stop other listeners.
 */
@FunctionalInterface
public interface BestPathListener {
    void bestPathChanged(Prefix prefix, Optional<Route> oldBest, Optional<Route> newBest);
}
