package dev.junction.nft;

import java.util.Optional;

/**
 * The data-plane interface to nftables. Implementations: {@link LibNft} (libnftables through FFM),
 * {@link ExecNft} (the {@code nft} binary, a fallback and an independent oracle in tests) and the strict
 * in-memory {@code FakeNft} in the test fixtures.
 *
 * <p>An implementation is used by one thread at a time (an nft context is not thread-safe).
 */
public interface Nft {

    /**
     * Applies every operation of the transaction atomically: all of it takes effect, or nothing does.
     *
     * @throws NftException when the kernel (or the fake) refuses the batch; the exception carries the text
     *     that was fed and the error output, and nothing has changed
     */
    void apply(Transaction tx) throws NftException;

    /**
     * Lists the objects of one table that the caller owns: its chains and the elements of its sets and maps.
     * Never lists other tables (a foreign table written by a newer nft must not be able to break us).
     *
     * @return empty when the table does not exist
     */
    Optional<TableState> list(TableRef table) throws NftException;
}
