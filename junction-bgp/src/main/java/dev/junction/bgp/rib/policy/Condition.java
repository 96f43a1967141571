package dev.junction.bgp.rib.policy;

import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.wire.Prefix;

import java.util.Set;

/** What a policy term matches on; a term matches if all its conditions do. */
public sealed interface Condition {
    boolean test(Prefix prefix, RouteAttributes attributes);

    /** The prefix is permitted by the list. */
    record PrefixIn(PrefixList list) implements Condition {
        public boolean test(Prefix prefix, RouteAttributes attributes) {
            return list.permits(prefix);
        }
    }

    /** The route carries at least one of the communities (RFC 1997). */
    record CommunityAny(Set<Long> communities) implements Condition {
        public CommunityAny {
            communities = Set.copyOf(communities);
        }

        public boolean test(Prefix prefix, RouteAttributes attributes) {
            return attributes.communities().stream().anyMatch(communities::contains);
        }
    }

    /** The AS_PATH contains the AS anywhere. */
    record AsPathContains(long asn) implements Condition {
        public boolean test(Prefix prefix, RouteAttributes attributes) {
            return attributes.pathContains(asn);
        }
    }
}
