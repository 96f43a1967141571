package dev.junction.router.plan;

import dev.junction.bgp.wire.Prefix;
import java.net.InetAddress;
import java.util.Objects;

/** A best path from the speaker: where {@code prefix} is reached, by the next hop the route carries. */
public record LearnedRoute(Prefix prefix, InetAddress nextHop) {
    public LearnedRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nextHop, "nextHop");
    }
}
