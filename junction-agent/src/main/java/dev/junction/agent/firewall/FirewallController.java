package dev.junction.agent.firewall;

import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.firewall.compile.FirewallState;
import dev.junction.model.Cidr;
import dev.junction.model.ClusterStore;
import dev.junction.model.IpFamily;
import dev.junction.model.Node;
import dev.junction.model.policy.PolicyChanges;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.NftException;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of the firewall: feed the policy changes to each family's {@link FirewallState} and send its table
 * only the fragments that changed. A new node context (pod CIDRs) or a failed sync rebuilds the state from the
 * snapshot and converges the whole table. Runs on its runner's single thread.
 */
public final class FirewallController {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallController.class);

    private final PolicyStore policies;
    private final ClusterStore cluster;
    private final Map<IpFamily, TableSync> tables;
    private final Map<IpFamily, FirewallState> states = new HashMap<>();
    private final boolean logDrops;
    private boolean firstSyncLogged;

    public FirewallController(PolicyStore policies, ClusterStore cluster, Map<IpFamily, TableSync> tables, boolean logDrops) {
        this.policies = policies;
        this.cluster = cluster;
        this.tables = Map.copyOf(tables);
        this.logDrops = logDrops;
    }

    /** The runner's task: false if a family failed (its next sync is then a full one). */
    public boolean sync() {
        if (!policies.allSynced() || !cluster.allSynced()) {
            return true;
        }
        PolicyChanges changes = policies.takeChanges();
        PolicySnapshot snap = changes.snapshot();
        List<Cidr> podCidrs = cluster.node().map(Node::podCidrs).orElse(List.of());
        boolean ok = true;
        for (Map.Entry<IpFamily, TableSync> e : tables.entrySet()) {
            IpFamily family = e.getKey();
            TableSync table = e.getValue();
            FirewallContext ctx = new FirewallContext(family, cluster.nodeName(), podCidrs, logDrops);
            FirewallState state = states.get(family);
            try {
                if (state == null || !state.context().equals(ctx)) {
                    state = rebuilt(ctx, snap);
                    states.put(family, state);
                    table.replaceAll(state.all());
                } else {
                    Map<String, Fragment> changed = state.apply(changes);
                    if (table.needsFullSync()) {
                        table.replaceAll(state.all());
                    } else if (!changed.isEmpty()) {
                        table.update(changed);
                    }
                }
            } catch (NftException | RuntimeException ex) {
                LOG.error("{} firewall sync failed; the next one is full: {}", family.kubeName(), ex.getMessage());
                states.remove(family); // rebuilt from the snapshot next time
                ok = false;
            }
        }
        if (ok && !firstSyncLogged) {
            firstSyncLogged = true;
            LOG.info("firewall: first sync programmed: {} policies, {} pods", snap.policies().size(), snap.pods().size());
        }
        return ok;
    }

    /** A state holding the whole snapshot, as if everything had just been added. */
    private static FirewallState rebuilt(FirewallContext ctx, PolicySnapshot snap) {
        FirewallState state = new FirewallState(ctx);
        state.apply(FirewallCompiler.asAdditions(snap));
        return state;
    }
}
