package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;

import java.util.List;
import java.util.Optional;

/**
 * Why a path won: every candidate for the prefix with, for each loser, the decision step at which the remaining
 * routes beat it. Answers "why is this my best path" without re-deriving the decision process by hand.
 */
public record Explanation(Prefix prefix, Optional<Route> best, List<Candidate> candidates) {
    /** A candidate; {@code lostAt} is empty for the best route. */
    public record Candidate(Route route, Optional<Step> lostAt) {
    }

    public static Explanation of(Prefix prefix, DecisionProcess.Selection s) {
        List<Candidate> cs = s.candidates().stream()
                .sorted((a, b) -> a == s.best() ? -1 : b == s.best() ? 1 : 0)
                .map(r -> new Candidate(r, Optional.ofNullable(s.eliminatedBy().get(r))))
                .toList();
        return new Explanation(prefix, Optional.ofNullable(s.best()), cs);
    }

    /** The step that decided against the route from {@code source}, if it lost. */
    public Optional<Step> lostAt(Source source) {
        return candidates.stream().filter(c -> c.route().source().address().equals(source.address()))
                .findFirst().flatMap(Candidate::lostAt);
    }

    /** One line per candidate, best first, e.g. {@code "  10.0.0.3 ... lost at MED"}. */
    public String render() {
        StringBuilder sb = new StringBuilder(prefix.toString()).append(": ").append(candidates.size()).append(" candidate(s)\n");
        for (Candidate c : candidates) {
            sb.append(c.lostAt().isEmpty() ? "  * " : "    ").append(c.route())
                    .append(c.lostAt().map(s -> "  lost at " + s).orElse("  best")).append('\n');
        }
        return sb.toString();
    }
}
