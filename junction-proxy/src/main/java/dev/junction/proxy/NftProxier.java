package dev.junction.proxy;

import dev.junction.model.Changes;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import dev.junction.proxy.compile.NodeContext;
import dev.junction.proxy.compile.ServiceCompiler;
import dev.junction.proxy.compile.Skeleton;
import java.util.HashMap;
import java.util.Map;

/**
 * The service proxy for one address family on nftables: compiles the services that changed and hands their
 * fragments to a {@link TableSync}, which keeps what it programmed in memory and sends the kernel only the
 * difference, so the cost of a one-endpoint change does not grow with the cluster. A full sync (at start,
 * periodically, after any failure, and when the node context changes) recompiles every service and converges
 * the table, adopting what a previous run left. Single-threaded: owned by the sync runner.
 */
public final class NftProxier {
    private static final Object SKELETON = "skeleton";

    private final TableSync table;
    private NodeContext context;

    /** What one sync did, for metrics and logs. */
    public record SyncResult(boolean full, int servicesCompiled, int operations, int chainsWritten, int elementsChanged) {}

    public NftProxier(Nft nft, TableRef table) {
        this.table = new TableSync(nft, table);
    }

    public TableRef table() {
        return table.table();
    }

    /**
     * True until a full sync has succeeded, after any failure, and when the node context changed (every
     * service's rules depend on it): the caller must then pass every service.
     */
    public boolean needsFullSync(NodeContext ctx) {
        return table.needsFullSync() || !ctx.equals(context);
    }

    /** Forces the next sync to be a full one (the periodic resync). */
    public void requestFullSync() {
        table.requestFullSync();
    }

    /**
     * Programs the changes. When {@link #needsFullSync(NodeContext)} is true, {@code changes} must hold every
     * service (a {@code ClusterStore.takeAll()}), since the table is then rebuilt from them alone.
     */
    public SyncResult sync(Changes changes, NodeContext ctx) throws NftException {
        boolean full = needsFullSync(ctx);
        Map<Object, Fragment> fragments = new HashMap<>();
        if (full) {
            fragments.put(SKELETON, Skeleton.compile(ctx));
        }
        // The compile is pure, so a full sync compiles services on every core; a partial one is a handful.
        var stream = changes.services().entrySet().stream();
        Map<ServiceKey, Fragment> compiled = (changes.services().size() > 256 ? stream.parallel() : stream)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> ServiceCompiler.compile(e.getValue(), ctx)));
        fragments.putAll(compiled);
        TableSync.Result r;
        if (full) {
            context = null; // set only once the full sync has gone through
            r = table.replaceAll(fragments);
            context = ctx;
        } else {
            r = table.update(fragments);
        }
        return new SyncResult(full, changes.services().size(), r.operations(), r.chainsWritten(), r.elementsChanged());
    }

    /** Chains and elements currently programmed (for metrics). */
    public int chainCount() {
        return table.chainCount();
    }

    public int elementCount() {
        return table.elementCount();
    }

    public int conflicts() {
        return table.conflicts();
    }
}
