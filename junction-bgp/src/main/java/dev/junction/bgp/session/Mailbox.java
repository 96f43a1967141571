package dev.junction.bgp.session;

import java.lang.System.Logger;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A single-owner task queue: tasks run one at a time, in order, on one virtual thread. Each peer has its own, and
 * the routing engine has one, so a peer's state is only ever touched by its own thread and a slow or failing peer
 * holds up nobody else. A task that throws is reported to {@code onError} (on the mailbox thread) and the
 * mailbox carries on.
 */
public final class Mailbox implements Executor, AutoCloseable {
    private static final Logger LOG = System.getLogger(Mailbox.class.getName());
    private static final Runnable STOP = () -> {
    };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Consumer<Throwable> onError;
    private final Thread thread;
    private volatile boolean closed;

    public Mailbox(String name, Consumer<Throwable> onError) {
        this.onError = onError;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Queues the task; silently dropped once the mailbox is closed. Never blocks. */
    @Override
    public void execute(Runnable task) {
        if (!closed) queue.add(task);
    }

    /** True if the caller is this mailbox's thread. */
    public boolean onThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) return;
            try {
                task.run();
            } catch (Throwable t) {
                try {
                    onError.accept(t);
                } catch (Throwable again) {
                    LOG.log(Logger.Level.ERROR, "error handler of " + thread.getName() + " failed", again);
                }
            }
        }
    }

    /** Runs what is queued, then stops the thread. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
    }

    /** Waits up to {@code millis} for the thread to finish after {@link #close}. */
    public boolean join(long millis) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(millis));
    }
}
