package dev.junction.bgp.rib;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Best-path selection as an ordered list of pure {@link DecisionStep}s. It follows RFC 4271 §9.1.2.2 literally:
 * each step removes every route that some remaining, comparable route beats, and the step that removed a route is
 * recorded, so that {@link Selection#eliminatedBy()} says why each loser lost. Elimination (rather than a pairwise
 * tournament) keeps the MED rule exact: MED only compares routes from the same neighbouring AS, which is not a
 * total order.
 */
public final class DecisionProcess {
    /**
     * @param localAsn         for neighborAS of routes originated in our AS (RFC 4271 §9.1.2.2 (c))
     * @param defaultLocalPref degree of preference of routes without LOCAL_PREF (external and local ones)
     * @param alwaysCompareMed compare MED across neighbouring ASes (a common knob; not the RFC default)
     * @param oldestExternal   prefer the older of two external routes before the router-id step (RFC 5004)
     * @param igpCost          interior cost to a next hop; a constant when there is no IGP (pod routing)
     */
    public record Options(long localAsn, long defaultLocalPref, boolean alwaysCompareMed, boolean oldestExternal,
                          ToLongFunction<InetAddress> igpCost) {
        public static Options defaults(long localAsn) {
            return new Options(localAsn, 100, false, false, nh -> 0);
        }
    }

    /** The outcome: the best route (if any candidate), all candidates, and for each loser the step that removed it. */
    public record Selection(Route best, List<Route> candidates, Map<Route, Step> eliminatedBy) {
    }

    private final List<DecisionStep> steps;

    public DecisionProcess(List<DecisionStep> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<DecisionStep> steps() {
        return steps;
    }

    public static DecisionProcess standard(Options o) {
        List<DecisionStep> s = new ArrayList<>();
        s.add(new DecisionStep(Step.LOCAL_PREF,
                Comparator.comparingLong((Route r) -> r.attributes().localPref().orElse(o.defaultLocalPref())).reversed()));
        s.add(new DecisionStep(Step.AS_PATH_LENGTH, Comparator.comparingInt(r -> r.attributes().asPathLength())));
        s.add(new DecisionStep(Step.ORIGIN, Comparator.comparingInt(r -> r.attributes().origin())));
        // §9.1.2.2 (c): "If a route has no MULTI_EXIT_DISC attribute, the function returns the lowest possible
        // MULTI_EXIT_DISC value (i.e., 0)."
        s.add(new DecisionStep(Step.MED, Comparator.comparingLong(r -> r.attributes().med().orElse(0)),
                (a, b) -> o.alwaysCompareMed() || a.attributes().neighborAs(o.localAsn()) == b.attributes().neighborAs(o.localAsn())));
        // §9.1.2.2 (d); our own routes rank with the external ones (they are not learned over iBGP).
        s.add(new DecisionStep(Step.EXTERNAL_OVER_INTERNAL, Comparator.comparingInt(r -> r.source().internal() ? 1 : 0)));
        s.add(new DecisionStep(Step.IGP_COST, Comparator.comparingLong(r ->
                r.attributes().nextHop() == null ? 0 : o.igpCost().applyAsLong(r.attributes().nextHop()))));
        if (o.oldestExternal()) {
            s.add(new DecisionStep(Step.OLDEST_EXTERNAL, Comparator.comparingLong(Route::sequence),
                    (a, b) -> a.source().external() && b.source().external()));
        }
        // RFC 4456 §9: "the ORIGINATOR_ID SHOULD be treated as the BGP Identifier of the BGP speaker that has
        // advertised the route".
        s.add(new DecisionStep(Step.ROUTER_ID, Comparator.comparing(DecisionProcess::effectiveRouterId, DecisionProcess::compareAddresses)));
        s.add(new DecisionStep(Step.CLUSTER_LIST_LENGTH, Comparator.comparingInt(r -> r.attributes().clusterList().size())));
        s.add(new DecisionStep(Step.NEIGHBOR_ADDRESS, Comparator.comparing(r -> r.source().address(), DecisionProcess::compareAddresses)));
        return new DecisionProcess(s);
    }

    /** Runs the steps over the candidates; an empty collection selects nothing. */
    public Selection select(Collection<Route> candidates) {
        List<Route> alive = new ArrayList<>(candidates);
        // Deterministic order regardless of arrival; the last step is total, so one route remains.
        alive.sort(Comparator.comparing(r -> r.source().address(), DecisionProcess::compareAddresses));
        List<Route> all = List.copyOf(alive);
        Map<Route, Step> eliminated = new LinkedHashMap<>();
        for (DecisionStep step : steps) {
            if (alive.size() <= 1) break;
            List<Route> survivors = new ArrayList<>();
            for (Route r : alive) {
                boolean beaten = false;
                for (Route other : alive) {
                    if (other != r && step.beats(other, r)) {
                        beaten = true;
                        break;
                    }
                }
                if (beaten) eliminated.put(r, step.step());
                else survivors.add(r);
            }
            alive = survivors;
        }
        return new Selection(alive.isEmpty() ? null : alive.getFirst(), all, eliminated);
    }

    private static InetAddress effectiveRouterId(Route r) {
        return r.attributes().originatorId() != null ? r.attributes().originatorId() : r.source().routerId();
    }

    /** Unsigned comparison, IPv4 before IPv6. */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        return Arrays.compareUnsigned(x, y);
    }
}
