package dev.junction.agent.sandbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one probe.
 *
 * @param probe    what was checked
 * @param answers  how often each backend name answered, sorted by name
 * @param errors   how often each failure reason occurred (refused, timeout, ...)
 * @param seenIps  the client addresses the answering backends logged (only filled for source-IP checks)
 * @param passed   whether the observation matched the expectation
 * @param detail   why it failed (empty if it passed)
 */
public record ProbeResult(Probe probe, Map<String, Integer> answers, Map<String, Integer> errors,
                          List<String> seenIps, boolean passed, String detail) {

    /** A probe that could not run at all (unknown pod, service without ClusterIP, ...). */
    public static ProbeResult broken(Probe probe, String why) {
        return new ProbeResult(probe, Map.of(), Map.of(), List.of(), false, why);
    }

    /** The "seen" column: {@code demo/web-1 x14, demo/web-2 x16, ERR timeout x1}. */
    public String seen() {
        if (answers.isEmpty() && errors.isEmpty()) {
            return "-";
        }
        String ok = answers.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
        String err = errors.entrySet().stream().map(e -> "ERR " + e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
        String both = ok.isEmpty() ? err : err.isEmpty() ? ok : ok + ", " + err;
        return seenIps.isEmpty() ? both : both + "; from " + String.join(",", seenIps);
    }

    public int answeredTries() {
        return answers.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int failedTries() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }
}
