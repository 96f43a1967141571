package dev.junction.agent.firewall;

import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.model.Cidr;
import dev.junction.model.ClusterStore;
import dev.junction.model.IpFamily;
import dev.junction.model.Node;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.NftException;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of the firewall: compile the policy state for this node's pods and send each family's table only
 * the fragments that changed. Runs on its runner's single thread.
 *
 * <p>The compile is of the whole snapshot (a peer may be any pod of the cluster), but the kernel sees only the
 * difference: a pod coming or going changes set elements and its own chains.
 */
public final class FirewallController {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallController.class);

    private final PolicyStore policies;
    private final ClusterStore cluster;
    private final Map<IpFamily, TableSync> tables;
    private final Map<IpFamily, SortedMap<String, Fragment>> programmed = new HashMap<>();
    private final Map<IpFamily, FirewallContext> contexts = new HashMap<>();
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
        policies.takeChanges(); // the compile reads the whole snapshot; pending changes are in it
        PolicySnapshot snap = policies.snapshot();
        List<Cidr> podCidrs = cluster.node().map(Node::podCidrs).orElse(List.of());
        boolean ok = true;
        for (Map.Entry<IpFamily, TableSync> e : tables.entrySet()) {
            IpFamily family = e.getKey();
            TableSync table = e.getValue();
            FirewallContext ctx = new FirewallContext(family, cluster.nodeName(), podCidrs, logDrops);
            SortedMap<String, Fragment> next = FirewallCompiler.compile(snap.pods(), snap.namespaces(), snap.policies(), ctx);
            try {
                if (table.needsFullSync() || !ctx.equals(contexts.get(family))) {
                    table.replaceAll(next);
                } else {
                    Map<String, Fragment> changed = new HashMap<>();
                    SortedMap<String, Fragment> prev = programmed.getOrDefault(family, new java.util.TreeMap<>());
                    next.forEach((owner, f) -> {
                        if (!f.equals(prev.get(owner))) {
                            changed.put(owner, f);
                        }
                    });
                    prev.keySet().stream().filter(o -> !next.containsKey(o)).forEach(o -> changed.put(o, Fragment.EMPTY));
                    table.update(changed);
                }
                programmed.put(family, next);
                contexts.put(family, ctx);
            } catch (NftException | RuntimeException ex) {
                LOG.error("{} firewall sync failed; the next one is full: {}", family.kubeName(), ex.getMessage());
                ok = false;
            }
        }
        if (ok && !firstSyncLogged) {
            firstSyncLogged = true;
            LOG.info("firewall: first sync programmed: {} policies, {} pods", snap.policies().size(), snap.pods().size());
        }
        return ok;
    }
}
