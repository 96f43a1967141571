package dev.junction.bgp.rib.policy;

import java.util.List;

/** One policy rule: if every condition matches (an empty list always does), apply the actions in order. */
public record Term(String name, List<Condition> conditions, List<Action> actions) {
    public Term {
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }
}
