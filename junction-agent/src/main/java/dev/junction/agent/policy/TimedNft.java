package dev.junction.agent.policy;

import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.Transaction;
import java.util.Optional;

/**
 * An {@link Nft} that times the calls it passes on: what the kernel side of a sync costs (libnftables parsing the
 * text, netlink, the kernel's commit), apart from what Junction computes. It also keeps the last transaction, so
 * that its size can be measured outside the timed path. Single-threaded, like the Nft it wraps.
 */
final class TimedNft implements Nft {
    private final Nft inner;
    private long applyNanos;
    private long listNanos;
    private Transaction last;

    TimedNft(Nft inner) {
        this.inner = inner;
    }

    @Override
    public void apply(Transaction tx) throws NftException {
        long t0 = System.nanoTime();
        try {
            inner.apply(tx);
        } finally {
            applyNanos += System.nanoTime() - t0;
            last = tx;
        }
    }

    @Override
    public Optional<TableState> list(TableRef table) throws NftException {
        long t0 = System.nanoTime();
        try {
            return inner.list(table);
        } finally {
            listNanos += System.nanoTime() - t0;
        }
    }

    long applyNanos() {
        return applyNanos;
    }

    long listNanos() {
        return listNanos;
    }

    /** The last transaction applied (or refused), or null. */
    Transaction last() {
        return last;
    }

    void reset() {
        applyNanos = 0;
        listNanos = 0;
        last = null;
    }
}
