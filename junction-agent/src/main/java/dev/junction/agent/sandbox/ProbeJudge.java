package dev.junction.agent.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Pure: decides whether a probe's tries (and the source addresses its backends saw) match its expectation. */
public final class ProbeJudge {

    private ProbeJudge() {
    }

    /**
     * @param tries     one outcome per try
     * @param seenIps   the peer addresses the backends logged during the probe (ignored unless a source-IP check
     *                  is asked for)
     * @param clientIps the client's own addresses
     */
    public static ProbeResult judge(Probe probe, List<TryOutcome> tries, Collection<String> seenIps,
                                    Set<String> clientIps) {
        Map<String, Integer> answers = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        for (TryOutcome t : tries) {
            if (t.answered()) {
                answers.merge(t.answer(), 1, Integer::sum);
            } else {
                errors.merge(t.error(), 1, Integer::sum);
            }
        }
        List<String> problems = new ArrayList<>();
        int failed = errors.values().stream().mapToInt(Integer::intValue).sum();
        if (tries.size() < probe.tries()) {
            problems.add("gave up after " + tries.size() + " of " + probe.tries() + " tries");
        }
        switch (probe.expect()) {
            case Expectation.Allow a -> {
                if (answers.isEmpty() || failed > 0) {
                    problems.add(failed + " of " + tries.size() + " tries failed");
                }
            }
            case Expectation.Deny d -> {
                if (!answers.isEmpty()) {
                    problems.add("answered, expected no answer");
                }
            }
            case Expectation.Backends b -> {
                Set<String> missing = new TreeSet<>(b.names());
                missing.removeAll(answers.keySet());
                Set<String> unexpected = new TreeSet<>(answers.keySet());
                unexpected.removeAll(b.names());
                if (!missing.isEmpty()) {
                    problems.add("never answered: " + String.join(", ", missing));
                }
                if (!unexpected.isEmpty()) {
                    problems.add("unexpected: " + String.join(", ", unexpected));
                }
                if (failed > 0) {
                    problems.add(failed + " tries failed");
                }
            }
            case Expectation.OneOf o -> {
                if (answers.size() != 1) {
                    problems.add(answers.size() + " different backends answered, expected exactly one");
                } else if (!o.names().containsAll(answers.keySet())) {
                    problems.add("unexpected: " + answers.keySet().iterator().next());
                }
                if (failed > 0) {
                    problems.add(failed + " tries failed");
                }
            }
        }
        List<String> ips = List.of();
        if (probe.sourceIp() != SourceIpCheck.ANY) {
            ips = List.copyOf(new TreeSet<>(seenIps));
            sourceIpProblem(probe.sourceIp(), ips, clientIps, answers.isEmpty()).ifPresent(problems::add);
        }
        return new ProbeResult(probe, answers, errors, ips, problems.isEmpty(), String.join("; ", problems));
    }

    private static Optional<String> sourceIpProblem(SourceIpCheck check, List<String> seen,
                                                               Set<String> clientIps, boolean noAnswers) {
        if (seen.isEmpty()) {
            return Optional.of(noAnswers ? "no answers, source IP unknown"
                    : "backends logged no connection, source IP unknown");
        }
        boolean allOwn = clientIps.containsAll(seen);
        boolean anyOwn = seen.stream().anyMatch(clientIps::contains);
        if (check == SourceIpCheck.PRESERVED && !allOwn) {
            return Optional.of("source IP not preserved: backends saw " + String.join(",", seen)
                    + ", client is " + String.join(",", new TreeSet<>(clientIps)));
        }
        if (check == SourceIpCheck.MASQUERADED && anyOwn) {
            return Optional.of("source IP not masqueraded: backends saw the client's own "
                    + String.join(",", new TreeSet<>(clientIps)));
        }
        return Optional.empty();
    }
}
