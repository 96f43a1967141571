package dev.junction.agent.sandbox;

/**
 * One reachability check: {@code tries} new connections from {@code from} to {@code to}, judged against
 * {@code expect} and, optionally, the source address the backends saw.
 */
public record Probe(String name, ProbeSource from, ProbeTarget to, Expectation expect, int tries,
                    SourceIpCheck sourceIp) {

    public Probe {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be >= 1: " + tries);
        }
        if (sourceIp == null) {
            sourceIp = SourceIpCheck.ANY;
        }
        if (name == null || name.isBlank()) {
            name = from + " -> " + to;
        }
    }

    /** A probe with the expectation's default number of tries and no source-IP check. */
    public static Probe of(String name, String from, String to, Expectation expect) {
        return new Probe(name, ProbeSource.parse(from), ProbeTarget.parse(to), expect, expect.defaultTries(),
                SourceIpCheck.ANY);
    }

    public Probe withTries(int n) {
        return new Probe(name, from, to, expect, n, sourceIp);
    }

    public Probe withSourceIp(SourceIpCheck check) {
        return new Probe(name, from, to, expect, tries, check);
    }
}
