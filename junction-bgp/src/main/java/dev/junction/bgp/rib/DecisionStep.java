package dev.junction.bgp.rib;

import java.util.Comparator;
import java.util.function.BiPredicate;

/**
 * One pure comparison of the decision process: {@code order} sorts preferred routes first, and {@code comparable}
 * says whether two routes are compared at all at this step (only MED restricts it: RFC 4271 §9.1.2.2 (c)
 * compares routes "from the same neighboring AS").
 */
public record DecisionStep(Step step, Comparator<Route> order, BiPredicate<Route, Route> comparable) {
    public DecisionStep(Step step, Comparator<Route> order) {
        this(step, order, (a, b) -> true);
    }

    /** True if {@code a} is strictly preferred to {@code b} at this step. */
    public boolean beats(Route a, Route b) {
        return comparable.test(a, b) && order.compare(a, b) < 0;
    }
}
