package dev.junction.bgp.interop;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for what a user would see, with a deadline instead of a sleep: the interop tests assert outcomes, never
 * how fast a daemon got there.
 */
final class Poll {
    private Poll() {
    }

    /** Polls {@code condition} every 100 ms until it holds; fails naming {@code what} after {@code seconds}. */
    static void until(String what, int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(100);
        }
    }

    /** {@link #until} with 20 s, plenty for a session to come up or an UPDATE to arrive on a veth. */
    static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, 20, condition);
    }
}
