package dev.junction.bgp.fsm;

import java.time.Duration;

/**
 * Exponential backoff for connection attempts and automatic restarts. RFC 4271 §8.1.1 leaves both to the
 * implementation ("DampPeerOscillations": the IdleHoldTimer "SHOULD be increased exponentially" for a peer that
 * keeps failing); BIRD and GoBGP double their retry times the same way. Not thread-safe; owned by one FSM.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration current;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** The delay to use now; the following call returns twice as much, up to the maximum. */
    public Duration next() {
        Duration d = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    /** Back to the initial delay, e.g. once a session reached Established. */
    public void reset() {
        current = initial;
    }
}
