// IP plan: see Scenario (pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node 192.168.0.2, external 203.0.113.0/24).
package dev.junction.proxy;

import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.Transaction;
import java.util.Optional;

/** Any {@link Nft} (the kernel too) that can be told to refuse the next transaction, as a refused batch would. */
final class FlakyNft implements Nft {
    private final Nft delegate;
    private boolean failNext;

    FlakyNft(Nft delegate) {
        this.delegate = delegate;
    }

    void failNext() {
        failNext = true;
    }

    @Override
    public void apply(Transaction tx) throws NftException {
        if (failNext) {
            failNext = false;
            throw new NftException("injected failure", tx.toString(), "Error: injected");
        }
        delegate.apply(tx);
    }

    @Override
    public Optional<TableState> list(TableRef table) throws NftException {
        return delegate.list(table);
    }
}
