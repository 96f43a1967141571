package dev.junction.bgp.fsm;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and timer source the FSM and the routing engine use, injected so that tests run on virtual time.
 * Implementations must run {@code task} later, never inside {@link #schedule}, and callers must not assume which
 * thread runs it: tasks only post events to their owner's queue.
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} once after {@code delay}; the handle cancels it (a no-op once it ran). */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
