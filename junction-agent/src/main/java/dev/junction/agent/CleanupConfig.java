package dev.junction.agent;

import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --cleanup-config}: removes Junction's own tables, and nothing else. */
final class CleanupConfig {
    private static final Logger LOG = LoggerFactory.getLogger(CleanupConfig.class);

    private CleanupConfig() {}

    static void deleteTable(Nft nft, TableRef table) throws NftException {
        if (nft.list(table).isEmpty()) {
            LOG.info("table {} is not there", table.spec());
            return;
        }
        nft.apply(new Transaction(table).deleteTable());
        LOG.info("deleted table {}", table.spec());
    }
}
