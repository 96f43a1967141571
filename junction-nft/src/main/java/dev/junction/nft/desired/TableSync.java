package dev.junction.nft.desired;

import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.Transaction;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps one table the agent owns equal to the union of its owners' {@link Fragment}s, sending the kernel only
 * the difference. A partial sync replaces the fragments of the owners that changed; a full sync (at start,
 * periodically, after any failure) lists the table once and converges it on the desired state without
 * flushing it, which also adopts the table a previous run left: a restart interrupts no traffic.
 *
 * <p>Each sync is one atomic transaction. When the kernel refuses it nothing changed there; the in-memory model
 * is dropped and the next sync must be a full one. Single-threaded.
 */
public final class TableSync {
    private final Nft nft;
    private final TableRef table;
    private TableModel model = new TableModel();
    private boolean needFull = true;

    /** What one sync sent. */
    public record Result(int operations, int chainsWritten, int elementsChanged) {}

    public TableSync(Nft nft, TableRef table) {
        this.nft = nft;
        this.table = table;
    }

    public TableRef table() {
        return table;
    }

    /** True until a full sync has succeeded, and again after any failure. */
    public boolean needsFullSync() {
        return needFull;
    }

    public void requestFullSync() {
        needFull = true;
    }

    /** Replaces the fragments of the given owners ({@link Fragment#EMPTY} removes an owner). */
    public Result update(Map<?, Fragment> changed) throws NftException {
        if (needFull) {
            throw new IllegalStateException("a full sync is needed first");
        }
        TablePlan plan = new TablePlan();
        changed.forEach((owner, f) -> model.replace(owner, f, plan));
        Transaction tx = plan.toTransaction(table);
        apply(tx);
        return new Result(tx.size(), plan.chainsWritten(), plan.elementsChanged());
    }

    /** Makes the table hold exactly the given owners' fragments, whatever it holds now. */
    public Result replaceAll(Map<?, Fragment> all) throws NftException {
        TableModel desired = new TableModel();
        TablePlan ignored = TablePlan.discarding();
        all.forEach((owner, f) -> desired.replace(owner, f, ignored));
        Optional<TableState> kernel = nft.list(table);
        TablePlan plan = converge(desired, kernel.orElse(null));
        Transaction tx = plan.toTransaction(table);
        apply(tx);
        model = desired;
        needFull = false;
        return new Result(tx.size(), plan.chainsWritten(), plan.elementsChanged());
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
            Map<String, String> have = kernelSets.get(name);
            if (have == null || have.isEmpty()) {
                desired.forEachEffective(name, (k, v) -> plan.addElement(name, k, v)); // nothing to compare with
                return;
            }
            Map<String, String> want = desired.effectiveElements(name);
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
