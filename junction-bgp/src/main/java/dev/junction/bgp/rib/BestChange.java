package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;

import java.util.Optional;

/** A change of the best path to {@code prefix}; at least one side is present and they differ. */
public record BestChange(Prefix prefix, Optional<Route> oldBest, Optional<Route> newBest) {
}
