package dev.junction.netlink;

import java.util.Objects;
import java.util.Optional;

/**
 * A policy-routing rule that looks up a table ({@code ip rule add priority P from F to T lookup TABLE}).
 *
 * @param family   IPv4 or IPv6 (rules live per family, even those without prefixes)
 * @param priority the rule's position; lower runs first
 * @param table    the table to look up
 * @param from     the source prefix to match; absent for "from all"
 * @param to       the destination prefix to match; absent for any
 */
public record Rule(IpFamily family, int priority, int table, Optional<IpPrefix> from, Optional<IpPrefix> to) {
    public Rule {
        Objects.requireNonNull(family, "family");
        from.ifPresent(p -> check(family, p));
        to.ifPresent(p -> check(family, p));
    }

    private static void check(IpFamily family, IpPrefix p) {
        if (p.family() != family) throw new IllegalArgumentException(p + " in an " + family + " rule");
    }

    @Override
    public String toString() {
        return family + " priority " + priority + " from " + from.map(IpPrefix::toString).orElse("all")
                + to.map(t -> " to " + t).orElse("") + " lookup " + table;
    }
}
