package dev.junction.agent.bench;

import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.Transaction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;

/**
 * Delegates to another {@link Nft} and keeps what went through it: the last transaction applied (a value, so
 * its text can be rendered afterwards, exactly as the delegate rendered it, without slowing the timed call),
 * and the wall and CPU time of the last {@link #apply} and {@link #list}. The kernel processes a netlink batch
 * in the sending thread's system calls, so the system CPU time of an apply through libnftables is the
 * kernel's share, and its user time is rendering, parsing, evaluation and serialisation.
 */
final class RecordingNft implements Nft {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Nft delegate;
    private Transaction lastApplied;
    private long applyNanos;
    private long applyCpuNanos;
    private long applyUserNanos;
    private long listNanos;
    private int applies;
    private int lists;

    RecordingNft(Nft delegate) {
        this.delegate = delegate;
    }

    @Override
    public void apply(Transaction tx) throws NftException {
        lastApplied = tx;
        applies++;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long user0 = THREADS.getCurrentThreadUserTime();
        long t0 = System.nanoTime();
        try {
            delegate.apply(tx);
        } finally {
            applyNanos = System.nanoTime() - t0;
            applyCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
            applyUserNanos = THREADS.getCurrentThreadUserTime() - user0;
        }
    }

    @Override
    public Optional<TableState> list(TableRef table) throws NftException {
        lists++;
        long t0 = System.nanoTime();
        try {
            return delegate.list(table);
        } finally {
            listNanos = System.nanoTime() - t0;
        }
    }

    /** Forgets the last calls (before a sync whose own calls are to be read). */
    void reset() {
        lastApplied = null;
        applyNanos = applyCpuNanos = applyUserNanos = listNanos = 0;
        applies = lists = 0;
    }

    Transaction lastApplied() {
        return lastApplied;
    }

    int applies() {
        return applies;
    }

    int lists() {
        return lists;
    }

    long applyNanos() {
        return applyNanos;
    }

    /** CPU time of the calling thread during the last apply (only meaningful for an in-process delegate). */
    long applyCpuNanos() {
        return applyCpuNanos;
    }

    long applyUserNanos() {
        return applyUserNanos;
    }

    long listNanos() {
        return listNanos;
    }
}
