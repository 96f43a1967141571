package dev.junction.bgp.fsm;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: nothing runs until {@link #advance}, which runs every task that falls due, in due order,
 * with {@link #now()} set to its due time. Single-threaded: call it from the test thread only.
 */
public final class VirtualScheduler implements Scheduler {
    private record Task(Instant due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long seq;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now.plus(delay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward by {@code d}, running what falls due (including tasks those tasks schedule). */
    public void advance(Duration d) {
        Instant end = now.plus(d);
        while (!queue.isEmpty() && !queue.peek().due.isAfter(end)) {
            Task t = queue.poll();
            if (t.cancelled[0]) continue;
            now = t.due;
            t.run.run();
        }
        now = end;
    }

    public void advanceSeconds(double s) {
        advance(Duration.ofMillis(Math.round(s * 1000)));
    }

    /** Seconds since the start, for readable assertions. */
    public double elapsed() {
        return Duration.between(Instant.parse("2026-01-01T00:00:00Z"), now).toMillis() / 1000.0;
    }

    /** Live (not cancelled) tasks. */
    public long pending() {
        return queue.stream().filter(t -> !t.cancelled[0]).count();
    }
}
