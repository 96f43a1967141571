package dev.junction.netpol.oracle;

import java.util.Optional;

/**
 * How one policy that selects a pod for a direction judged a flow.
 *
 * @param policy {@code namespace/name}
 * @param rules how many rules the policy has for the direction (0: it only isolates)
 * @param match the first matching rule, empty when none matches
 */
public record PolicyEvaluation(String policy, int rules, Optional<RuleMatch> match) {

    /** {@code demo/allow-web: rule 0 matches (from: any source; port 80/TCP)} or {@code demo/deny: no rule matches}. */
    public String describe(Direction direction) {
        if (match.isPresent()) {
            return policy + ": " + match.get().describe(direction).replaceFirst("^(rule \\d+)", "$1 matches");
        }
        return policy + ": " + (rules == 0 ? "no " + direction.field() + " rules (allows nothing)" : "no rule matches");
    }
}
