package dev.junction.agent.policy;

import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.firewall.compile.FirewallState;
import dev.junction.model.policy.PolicyChanges;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.NftException;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The firewall's sync for one family as {@code FirewallController.sync} does it, with each phase timed: take the
 * store's changes; the first time, build the {@link FirewallState} from the snapshot and {@link TableSync#replaceAll}
 * its fragments; then feed each batch of changes to the state and {@link TableSync#update} the fragments it reports
 * changed (a full replaceAll when the table asks for one). Single-threaded; its {@link TableSync}'s Nft must be the
 * {@link TimedNft} given.
 */
final class FirewallSync {
    private final PolicyStore store;
    private final FirewallContext ctx;
    private final TableSync table;
    private final TimedNft nft;
    private FirewallState state;

    /**
     * One sync's phases, in nanoseconds (thread CPU time in {@code cpuNanos}, collector time in {@code gcMillis}).
     *
     * @param takeNanos {@link PolicyStore#takeChanges()} (with its snapshot)
     * @param compileNanos {@link FirewallState#apply}: the compile, whole or incremental
     * @param collectNanos {@link FirewallState#all()} on a full sync, 0 otherwise
     * @param syncNanos {@link TableSync#update} or {@link TableSync#replaceAll}: plan, render and the Nft calls
     * @param nftNanos of which the Nft calls (libnftables and the kernel), list and apply
     * @param fragments every owner's fragment, counted on a full sync only (0 otherwise)
     * @param changed fragments sent (all of them in a full sync)
     */
    record Phases(boolean full, long totalNanos, long takeNanos, long compileNanos, long collectNanos, long syncNanos,
            long nftNanos, long nftListNanos, long cpuNanos, long gcMillis, int fragments, int changed,
            TableSync.Result result) {
        /** Junction's own planning and rendering: the sync minus the Nft calls. */
        long planNanos() {
            return syncNanos - nftNanos;
        }

        Phases withTotal(long nanos) {
            return new Phases(full, nanos, takeNanos, compileNanos, collectNanos, syncNanos, nftNanos, nftListNanos,
                    cpuNanos, gcMillis, fragments, changed, result);
        }
    }

    FirewallSync(PolicyStore store, FirewallContext ctx, TableSync table, TimedNft nft) {
        this.store = store;
        this.ctx = ctx;
        this.table = table;
        this.nft = nft;
    }

    /** Milliseconds every collector of this JVM has spent so far (stop-the-world pauses, with the serial GC). */
    static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    Phases sync() throws NftException {
        var bean = ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime();
        long gc0 = gcMillis();
        nft.reset();
        long t0 = System.nanoTime();
        PolicyChanges changes = store.takeChanges();
        long t1 = System.nanoTime();
        Map<String, Fragment> changed;
        if (state == null) {
            state = new FirewallState(ctx);
            changed = state.apply(FirewallCompiler.asAdditions(changes.snapshot()));
        } else {
            changed = state.apply(changes);
        }
        long t2 = System.nanoTime();
        boolean full = table.needsFullSync();
        Map<String, Fragment> all = full ? state.all() : null;
        long t3 = System.nanoTime();
        TableSync.Result result = full ? table.replaceAll(all)
                : changed.isEmpty() ? new TableSync.Result(0, 0, 0) : table.update(changed);
        long t4 = System.nanoTime();
        long cpu = bean.getCurrentThreadCpuTime() - cpu0;
        return new Phases(full, t4 - t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3, nft.applyNanos() + nft.listNanos(),
                nft.listNanos(), cpu, gcMillis() - gc0, full ? all.size() : 0, full ? all.size() : changed.size(),
                result);
    }

    /** Whether the incremental state equals a compile of the store's snapshot from scratch. */
    boolean matchesFreshCompile() {
        var snap = store.snapshot();
        return FirewallCompiler.compile(snap.pods(), snap.namespaces(), snap.policies(), ctx).equals(state.all());
    }

    TableSync table() {
        return table;
    }
}
