package dev.junction.bgp.speaker;

import dev.junction.bgp.wire.Prefix;

import java.util.Arrays;
import java.util.Comparator;

/** The order in which tables are shown: IPv4 before IPv6, then by address (unsigned octets), then by length. */
final class PrefixOrder {
    static final Comparator<Prefix> ORDER = Comparator.comparing((Prefix p) -> p.family().ordinal())
            .thenComparing(Prefix::address, Arrays::compareUnsigned)
            .thenComparingInt(Prefix::length);

    private PrefixOrder() {
    }
}
