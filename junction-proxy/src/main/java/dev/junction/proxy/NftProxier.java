package dev.junction.proxy;

import dev.junction.model.Changes;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.Transaction;
import dev.junction.proxy.compile.Fragment;
import dev.junction.proxy.compile.NodeContext;
import dev.junction.proxy.compile.ServiceCompiler;
import dev.junction.proxy.compile.Skeleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service proxy for one address family on nftables. It keeps in memory what it has programmed, so that a
 * sync recompiles only the services that changed and sends the kernel only the difference: the cost of a
 * one-endpoint change does not grow with the cluster. A full resync (at start, periodically, after any failure)
 * lists Junction's own table once and converges it on the desired state, which also adopts the table a
 * previous run left: nothing is flushed, so a restart interrupts no traffic.
 *
 * <p>Each sync is one atomic transaction. When the kernel refuses it, nothing changed in the kernel, the
 * in-memory model is discarded and the next sync is a full one. Single-threaded: owned by the sync runner.
 */
public final class NftProxier {
    private static final Object SKELETON = "skeleton";

    private final Nft nft;
    private final TableRef table;
    private TableModel model = new TableModel();
    private NodeContext context;
    private boolean needFull = true;

    /** What one sync did, for metrics and logs. */
    public record SyncResult(boolean full, int servicesCompiled, int operations, int chainsWritten, int elementsChanged) {}

    public NftProxier(Nft nft, TableRef table) {
        this.nft = nft;
        this.table = table;
    }

    public TableRef table() {
        return table;
    }

    /**
     * True until a full sync has succeeded, after any failure, and when the node context changed (every
     * service's rules depend on it): the caller must then pass every service.
     */
    public boolean needsFullSync(NodeContext ctx) {
        return needFull || !ctx.equals(context);
    }

    /** Forces the next sync to be a full one (the periodic resync). */
    public void requestFullSync() {
        needFull = true;
    }

    /**
     * Programs the changes. When {@link #needsFullSync(NodeContext)} is true, {@code changes} must hold every service
     * (a {@code ClusterStore.takeAll()}), since the table is then rebuilt from them alone.
     */
    public SyncResult sync(Changes changes, NodeContext ctx) throws NftException {
        return needsFullSync(ctx) ? fullSync(changes, ctx) : partialSync(changes, ctx);
    }

    private SyncResult partialSync(Changes changes, NodeContext ctx) throws NftException {

        TablePlan plan = new TablePlan();
        for (Map.Entry<ServiceKey, ServiceState> e : changes.services().entrySet()) {
            model.replace(e.getKey(), ServiceCompiler.compile(e.getValue(), ctx), plan);
        }
        Transaction tx = plan.toTransaction(table);
        apply(tx);
        return new SyncResult(false, changes.services().size(), tx.size(), plan.chainsWritten(), plan.elementsChanged());
    }

    private SyncResult fullSync(Changes all, NodeContext ctx) throws NftException {
        TableModel desired = new TableModel();
        TablePlan ignored = new TablePlan();
        desired.replace(SKELETON, Skeleton.compile(ctx), ignored);
        for (Map.Entry<ServiceKey, ServiceState> e : all.services().entrySet()) {
            desired.replace(e.getKey(), ServiceCompiler.compile(e.getValue(), ctx), ignored);
        }
        Optional<TableState> kernel = nft.list(table);
        TablePlan plan = converge(desired, kernel.orElse(null));
        Transaction tx = plan.toTransaction(table);
        apply(tx);
        model = desired;
        context = ctx;
        needFull = false;
        return new SyncResult(true, all.services().size(), tx.size(), plan.chainsWritten(), plan.elementsChanged());
    }

    /** The plan that turns what the kernel has (null: no table) into {@code desired}. */
    private static TablePlan converge(TableModel desired, TableState kernel) {
        TablePlan plan = new TablePlan();
        plan.addTable();
        Set<String> kernelChains = kernel == null ? Set.of() : kernel.chains();
        Map<String, Map<String, String>> kernelSets = kernel == null ? Map.of() : kernel.sets();
        desired.forEachSet((name, def) -> {
            if (!kernelSets.containsKey(name)) {
                plan.addSet(name, def);
            }
        });
        desired.forEachChain((name, def) -> {
            if (kernelChains.contains(name)) {
                plan.rewriteChain(name, def);
            } else {
                plan.addChain(name, def);
            }
        });
        desired.forEachSet((name, def) -> {
            if (def.dynamic()) {
                return; // the packet path writes these (affinity); keep what connections have learned
            }
            Map<String, String> want = desired.effectiveElements(name);
            Map<String, String> have = kernelSets.getOrDefault(name, Map.of());
            have.forEach((k, v) -> {
                if (!v.equals(want.get(k))) {
                    plan.deleteElement(name, k);
                }
            });
            want.forEach((k, v) -> {
                if (!v.equals(have.get(k))) {
                    plan.addElement(name, k, v);
                }
            });
        });
        Set<String> stale = new HashSet<>(kernelChains);
        stale.removeIf(desired::hasChain);
        stale.forEach(plan::removeChain);
        kernelSets.keySet().stream().filter(s -> !desired.hasSet(s)).forEach(plan::removeSet);
        return plan;
    }

    private void apply(Transaction tx) throws NftException {
        if (tx.isEmpty()) {
            return;
        }
        try {
            nft.apply(tx);
        } catch (NftException | RuntimeException e) {
            // The batch was atomic: the kernel is unchanged, but the model already holds this sync's changes.
            needFull = true;
            model = new TableModel();
            throw e;
        }
    }

    /** Chains and elements currently programmed (for metrics). */
    public int chainCount() {
        return model.chainCount();
    }

    public int elementCount() {
        return model.elementCount();
    }

    public int conflicts() {
        return model.conflicts();
    }
}
