package dev.junction.router.plan;

import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.wire.Prefix;
import java.util.List;

/** Runs a policy on a sample route, as the speaker would. */
final class Policies {
    private Policies() {}

    static Policy.Verdict apply(Policy policy, String prefix) {
        return policy.apply(Prefix.parse(prefix), RouteAttributes.local(List.of()), new Policy.Context(64512, null));
    }

    static boolean accepts(Policy policy, String prefix) {
        return apply(policy, prefix).accepted();
    }
}
