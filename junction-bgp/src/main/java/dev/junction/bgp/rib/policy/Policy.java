package dev.junction.bgp.rib.policy;

import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.wire.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An import or export policy: terms tried in order, the first whose conditions all match applies its actions and
 * decides (accepted with the modified attributes, or rejected if an action is {@link Action.Reject}). If no term
 * matches, {@code defaultAccept} decides. Pure: the same input always gives the same verdict.
 */
public record Policy(String name, List<Term> terms, boolean defaultAccept) {
    public static final Policy ACCEPT_ALL = new Policy("accept-all", List.of(), true);
    public static final Policy REJECT_ALL = new Policy("reject-all", List.of(), false);

    public Policy {
        terms = List.copyOf(terms);
    }

    /**
     * @param localAsn    the AS {@link Action.PrependAs} with AS 0 prepends
     * @param selfNextHop our address on the session, for {@link Action.NextHopSelf}; null on import
     */
    public record Context(long localAsn, InetAddress selfNextHop) {
    }

    /** The outcome; {@code term} names the deciding term, or "default". */
    public record Verdict(boolean accepted, RouteAttributes attributes, String term) {
    }

    public Verdict apply(Prefix prefix, RouteAttributes attributes, Context ctx) {
        for (Term t : terms) {
            if (!t.conditions().stream().allMatch(c -> c.test(prefix, attributes))) continue;
            RouteAttributes a = attributes;
            for (Action action : t.actions()) {
                if (action instanceof Action.Reject) return new Verdict(false, attributes, t.name());
                a = modify(a, action, ctx);
            }
            return new Verdict(true, a, t.name());
        }
        return new Verdict(defaultAccept, attributes, "default");
    }

    private static RouteAttributes modify(RouteAttributes a, Action action, Context ctx) {
        return switch (action) {
            case Action.Accept x -> a;
            case Action.Reject x -> a;
            case Action.SetLocalPref lp -> a.withLocalPref(OptionalLong.of(lp.value()));
            case Action.SetMed m -> a.withMed(OptionalLong.of(m.value()));
            case Action.SetCommunities c -> a.withCommunities(c.values());
            case Action.AddCommunities c -> {
                Set<Long> all = new LinkedHashSet<>(a.communities());
                all.addAll(c.values());
                yield a.withCommunities(new ArrayList<>(all));
            }
            case Action.PrependAs p -> a.prepend(p.asn() == 0 ? ctx.localAsn() : p.asn(), p.times());
            case Action.NextHopSelf x -> ctx.selfNextHop() == null ? a : a.withNextHop(ctx.selfNextHop());
        };
    }
}
