package dev.junction.agent;

import dev.junction.model.Changes;
import dev.junction.model.Cidr;
import dev.junction.model.ClusterStore;
import dev.junction.model.Endpoint;
import dev.junction.model.EndpointSlice;
import dev.junction.model.IpFamily;
import dev.junction.model.Node;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import dev.junction.nft.NftException;
import dev.junction.proxy.NftProxier;
import dev.junction.proxy.compile.NodeContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of the service proxy: take what changed from the store, program it on every family's proxier,
 * account for it in metrics and health. It is the runner's task, so it runs on one thread only.
 */
public final class ProxyController {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyController.class);

    /** Settings that shape every family's node context. */
    public record Settings(List<Cidr> serviceCidrs, List<Cidr> clusterCidrs, boolean masqueradeAll, NodeAddresses nodePortAddresses) {}

    private final ClusterStore store;
    private final Map<IpFamily, NftProxier> proxiers;
    private final Settings settings;
    private final ProxyMetrics metrics;
    private final ProxyHealth health;
    private final ServiceHealthServers serviceHealth;
    private final UdpConntrackCleaner conntrack;
    private final Map<ServiceKey, ServiceHealthServers.Entry> healthChecks = new HashMap<>();
    private final Map<ServiceKey, Integer> healthPorts = new HashMap<>();
    private final long startMillis = System.currentTimeMillis();
    private boolean firstSyncLogged;

    public ProxyController(ClusterStore store, Map<IpFamily, NftProxier> proxiers, Settings settings, ProxyMetrics metrics,
            ProxyHealth health, ServiceHealthServers serviceHealth, UdpConntrackCleaner conntrack) {
        this.store = store;
        this.proxiers = Map.copyOf(proxiers);
        this.settings = settings;
        this.metrics = metrics;
        this.health = health;
        this.serviceHealth = serviceHealth;
        this.conntrack = conntrack;
    }

    /** Called by sources on every change (before the runner is asked to sync). */
    public void queued() {
        health.queued();
        double now = System.currentTimeMillis() / 1000.0;
        proxiers.keySet().forEach(f -> metrics.lastQueuedTimestamp.labelValues(f.kubeName()).set(now));
        metrics.serviceChangesPending.set(store.pendingServices());
    }

    /** The runner's task. Returns false if any family failed (the runner then retries with backoff). */
    public boolean sync() {
        if (!store.allSynced()) {
            return true; // nothing is programmed before every source has delivered its initial list
        }
        Optional<Node> node = store.node();
        node.ifPresent(n -> health.nodeDraining(n.draining()));
        Map<IpFamily, NodeContext> contexts = new HashMap<>();
        boolean full = false;
        for (IpFamily f : proxiers.keySet()) {
            NodeContext ctx = context(f, node);
            contexts.put(f, ctx);
            full |= proxiers.get(f).needsFullSync(ctx);
        }
        Changes changes = full ? store.takeAll() : store.takeChanges();
        metrics.serviceChangesPending.set(store.pendingServices());
        if (!full) {
            metrics.serviceChanges.inc(changes.services().size());
        }
        boolean ok = true;
        for (Map.Entry<IpFamily, NftProxier> e : proxiers.entrySet()) {
            ok &= syncFamily(e.getKey(), e.getValue(), changes, contexts.get(e.getKey()));
        }
        updateHealthChecks(changes);
        if (ok) {
            if (conntrack != null) {
                conntrack.afterSync(changes.services().values());
            }
            health.updated();
            if (!firstSyncLogged) {
                firstSyncLogged = true;
                LOG.info("first sync programmed: {} services", store.serviceCount());
            }
        }
        return ok;
    }

    private boolean syncFamily(IpFamily f, NftProxier proxier, Changes changes, NodeContext ctx) {
        String fam = f.kubeName();
        long t0 = System.nanoTime();
        try {
            NftProxier.SyncResult r = proxier.sync(changes, ctx);
            double secs = (System.nanoTime() - t0) / 1e9;
            metrics.syncDuration.labelValues(fam).observe(secs);
            (r.full() ? metrics.fullSyncDuration : metrics.partialSyncDuration).labelValues(fam).observe(secs);
            metrics.lastSyncTimestamp.labelValues(fam).set(System.currentTimeMillis() / 1000.0);
            metrics.nftChains.labelValues(fam).set(proxier.chainCount());
            metrics.nftElements.labelValues(fam).set(proxier.elementCount());
            metrics.nftConflicts.labelValues(fam).set(proxier.conflicts());
            if (!r.full()) {
                long now = System.currentTimeMillis();
                changes.triggerMillis().values().stream().filter(t -> t >= startMillis)
                        .forEach(t -> metrics.networkProgrammingDuration.labelValues(fam).observe((now - t) / 1000.0));
            }
            LOG.debug("{} sync {}: {} services, {} ops, {} chains written, {} elements in {} ms", fam,
                    r.full() ? "full" : "partial", r.servicesCompiled(), r.operations(), r.chainsWritten(),
                    r.elementsChanged(), String.format("%.1f", secs * 1000));
            return true;
        } catch (NftException e) {
            metrics.nftSyncFailures.labelValues(fam).inc();
            LOG.error("{} nftables transaction refused; will retry with a full sync: {}\n{}", fam, e.getMessage(),
                    FailedLines.around(e.input(), e.errorOutput()));
            return false;
        } catch (RuntimeException e) {
            metrics.nftSyncFailures.labelValues(fam).inc();
            LOG.error("{} sync failed; will retry with a full sync", fam, e);
            proxier.requestFullSync();
            return false;
        }
    }

    NodeContext context(IpFamily f, Optional<Node> node) {
        String zone = node.map(Node::zone).orElse("");
        return new NodeContext(f, store.nodeName(), zone, settings.nodePortAddresses().resolve(node),
                settings.serviceCidrs(), settings.clusterCidrs(), settings.masqueradeAll());
    }

    /** healthCheckNodePort servers: local ready endpoints per eTP=Local service. */
    private void updateHealthChecks(Changes changes) {
        boolean dirty = false;
        for (ServiceState s : changes.services().values()) {
            ServiceKey k = s.key();
            if (s.service() == null || s.service().healthCheckNodePort() == 0 || !s.service().externalPolicyLocal()) {
                dirty |= healthChecks.remove(k) != null;
                healthPorts.remove(k);
                continue;
            }
            int local = 0;
            for (EndpointSlice slice : s.slices()) {
                for (Endpoint ep : slice.endpoints()) {
                    if (ep.usable() && store.nodeName().equals(ep.nodeName())) {
                        local++;
                    }
                }
            }
            healthChecks.put(k, new ServiceHealthServers.Entry(k, local));
            healthPorts.put(k, s.service().healthCheckNodePort());
            dirty = true;
        }
        if (dirty && serviceHealth != null) {
            Map<Integer, ServiceHealthServers.Entry> wanted = new HashMap<>();
            healthChecks.forEach((k, e) -> wanted.put(healthPorts.get(k), e));
            serviceHealth.sync(wanted);
        }
    }
}
