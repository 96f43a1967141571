package dev.junction.bgp.fsm;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The FSM's timers over an injected {@link Scheduler}. An expiry is posted as {@link Event.TimerExpired} to the
 * owner's queue rather than run on the scheduler's thread, so the FSM keeps a single owner. Each start bumps a
 * generation number: an expiry that was already queued when the timer was stopped or restarted carries an old
 * generation and {@link #accept} rejects it, so a stale HoldTimer_Expires can never tear down a healthy session.
 */
public final class Timers {
    private final Scheduler scheduler;
    private final Consumer<Event> post;
    private final Map<TimerKind, Scheduler.Cancellable> running = new EnumMap<>(TimerKind.class);
    private final Map<TimerKind, Long> generation = new EnumMap<>(TimerKind.class);

    public Timers(Scheduler scheduler, Consumer<Event> post) {
        this.scheduler = scheduler;
        this.post = post;
    }

    /** (Re)starts the timer; a zero duration means "not running", as RFC 4271 §4.2 says for a zero Hold Time. */
    public void start(TimerKind kind, Duration duration) {
        stop(kind);
        if (duration.isZero()) return;
        long gen = generation.merge(kind, 1L, Long::sum);
        running.put(kind, scheduler.schedule(duration, () -> post.accept(new Event.TimerExpired(kind, gen))));
    }

    public void stop(TimerKind kind) {
        Scheduler.Cancellable c = running.remove(kind);
        if (c != null) c.cancel();
        generation.merge(kind, 1L, Long::sum);
    }

    public void stopAll() {
        for (TimerKind k : TimerKind.values()) stop(k);
    }

    public boolean running(TimerKind kind) {
        return running.containsKey(kind);
    }

    /** True if the expiry is current; the timer then counts as no longer running. */
    public boolean accept(Event.TimerExpired e) {
        if (!running.containsKey(e.kind()) || generation.getOrDefault(e.kind(), 0L) != e.generation()) return false;
        running.remove(e.kind());
        return true;
    }

    public Scheduler scheduler() {
        return scheduler;
    }
}
