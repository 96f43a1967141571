package dev.junction.agent.runner;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one function on one thread, coalescing requests (kube-proxy's BoundedFrequencyRunner):
 * <ol>
 *   <li>at least {@code minInterval} passes between the end of one run and the start of the next; requests in
 *       between are merged into one run;
 *   <li>a run that fails (returns false or throws) is retried after {@code retryInterval}, with backoff doubling
 *       up to {@code maxInterval};
 *   <li>a run happens at least every {@code maxInterval} even without requests.
 * </ol>
 * The thread never dies: every exception is logged and treated as a failure. The clock is injectable, and
 * {@link #runOnce()} lets tests drive the loop by hand.
 */
public final class BoundedFrequencyRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedFrequencyRunner.class);

    /** The work. Returns true on success. */
    @FunctionalInterface
    public interface Task {
        boolean run() throws Exception;
    }

    private final String name;
    private final Task task;
    private final long minNanos;
    private final long retryNanos;
    private final long maxNanos;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean requested;
    private long lastEnd = Long.MIN_VALUE / 2;
    private long nextDue;
    private long currentRetryNanos;
    private volatile boolean stopped;
    private Thread thread;

    public BoundedFrequencyRunner(String name, Task task, Duration minInterval, Duration retryInterval, Duration maxInterval,
            LongSupplier nanoClock) {
        this.name = Objects.requireNonNull(name);
        this.task = Objects.requireNonNull(task);
        this.minNanos = minInterval.toNanos();
        this.retryNanos = retryInterval.toNanos();
        this.maxNanos = maxInterval.toNanos();
        this.clock = nanoClock;
        this.currentRetryNanos = retryNanos;
        this.nextDue = nanoClock.getAsLong();
    }

    public BoundedFrequencyRunner(String name, Task task, Duration minInterval, Duration retryInterval, Duration maxInterval) {
        this(name, task, minInterval, retryInterval, maxInterval, System::nanoTime);
    }

    /** Asks for a run as soon as the minimum interval allows. Never blocks; requests coalesce. */
    public void request() {
        lock.lock();
        try {
            requested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Starts the loop on its own platform thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    public void stop() {
        stopped = true;
        request();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!stopped) {
            try {
                awaitTurn();
                if (!stopped) {
                    runOnce();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                LOG.error("{}: unexpected error in the run loop; going on", name, t);
            }
        }
    }

    /** Waits until a run is due: requested and past the minimum interval, or a retry or the periodic run. */
    private void awaitTurn() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                long earliest = lastEnd + minNanos;
                long due = requested ? earliest : Math.max(nextDue, earliest);
                long wait = due - clock.getAsLong();
                if (wait <= 0) {
                    return;
                }
                wake.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the task once now (tests call this directly) and schedules the next periodic or retry run. */
    public boolean runOnce() {
        lock.lock();
        try {
            requested = false;
        } finally {
            lock.unlock();
        }
        boolean ok;
        try {
            ok = task.run();
        } catch (Throwable t) {
            LOG.error("{}: run failed", name, t);
            ok = false;
        }
        lock.lock();
        try {
            lastEnd = clock.getAsLong();
            if (ok) {
                currentRetryNanos = retryNanos;
                nextDue = lastEnd + maxNanos;
            } else {
                nextDue = lastEnd + currentRetryNanos;
                currentRetryNanos = Math.min(maxNanos, currentRetryNanos * 2);
            }
        } finally {
            lock.unlock();
        }
        return ok;
    }

    /** When the next unrequested run is due (clock nanos): the periodic run, or a retry. */
    public long nextDueNanos() {
        lock.lock();
        try {
            return nextDue;
        } finally {
            lock.unlock();
        }
    }
}
