package dev.junction.kube;

import dev.junction.model.ClusterStore;
import dev.junction.model.policy.PolicyStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the API server through fabric8 shared informers and feeds the feeders it was given: for the service proxy
 * ({@link StoreFeeder}) Services and {@code discovery.k8s.io/v1} EndpointSlices in every namespace and the agent's
 * own Node; for the firewall ({@link PolicyFeeder}) Pods in every namespace (a policy's peers may run on any node),
 * Namespaces and {@code networking.k8s.io/v1} NetworkPolicies. Either part may be absent (a firewall-only or a
 * proxy-only agent), not both.
 *
 * <p><b>Synced</b>: a kind is marked synced from the informer's {@code onList} callback, not from
 * {@code start()} completing: fabric8 delivers notifications on a serial executor, and {@code onList} is queued
 * behind the add events of the list it ends, so by then the store has every object of the initial list. The
 * start future can complete before those adds reach the handler (a cached listing), which would program a
 * partial ruleset.
 *
 * <p><b>Errors</b>: the exception handler logs and always asks fabric8 to retry (with its back-off), before and
 * after the first list; the agent never exits because the API server is unreachable. If the caches have not
 * synced after {@code cacheSyncTimeout} ({@code --cache-sync-timeout}), a warning names the missing kinds and is
 * repeated every timeout period while waiting continues.
 *
 * <p>No resync period: the feeder's store drops no-op updates, and periodic full syncs are the runner's job.
 */
public final class InformerSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InformerSource.class);
    public static final Duration DEFAULT_CACHE_SYNC_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final StoreFeeder feeder;
    private final PolicyFeeder policies;
    private final Duration cacheSyncTimeout;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    /** ClusterStore.Kind and PolicyStore.Kind values not listed yet. */
    private final Set<Enum<?>> pending = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private volatile boolean closed;
    private boolean started;

    /** The service proxy's informers only. */
    public InformerSource(KubernetesClient client, StoreFeeder feeder, Duration cacheSyncTimeout) {
        this(client, Objects.requireNonNull(feeder), null, cacheSyncTimeout);
    }

    /**
     * @param feeder the service proxy's feeder, or null to watch no Services, EndpointSlices and Nodes
     * @param policies the firewall's feeder, or null to watch no Pods, Namespaces and NetworkPolicies
     * @throws IllegalArgumentException if both are null: such a source would never have anything to do
     */
    public InformerSource(KubernetesClient client, StoreFeeder feeder, PolicyFeeder policies, Duration cacheSyncTimeout) {
        this.client = Objects.requireNonNull(client);
        if (feeder == null && policies == null) {
            throw new IllegalArgumentException("an informer source needs a StoreFeeder, a PolicyFeeder or both");
        }
        this.feeder = feeder;
        this.policies = policies;
        if (cacheSyncTimeout.isNegative() || cacheSyncTimeout.isZero()) {
            throw new IllegalArgumentException("cache sync timeout must be positive: " + cacheSyncTimeout);
        }
        this.cacheSyncTimeout = cacheSyncTimeout;
    }

    public InformerSource(KubernetesClient client, StoreFeeder feeder) {
        this(client, feeder, DEFAULT_CACHE_SYNC_TIMEOUT);
    }

    /**
     * Starts the informers and returns at once.
     *
     * @return completes when every kind has delivered its initial list (never exceptionally; it simply stays
     *     pending while the API server is unreachable). Callers must not complete it.
     */
    public synchronized CompletableFuture<Void> start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        // Every kind is pending before any informer can report, so that none completes the future early.
        if (feeder != null) {
            pending.addAll(EnumSet.allOf(ClusterStore.Kind.class));
        }
        if (policies != null) {
            pending.addAll(EnumSet.allOf(PolicyStore.Kind.class));
        }
        if (feeder != null) {
            startServiceInformers();
        }
        if (policies != null) {
            startPolicyInformers();
        }
        warnIfNotSynced(1);
        return synced.copy();
    }

    /** True once every kind has delivered its initial list. */
    public boolean hasSynced() {
        return synced.isDone();
    }

    private void startServiceInformers() {
        inform(ClusterStore.Kind.SERVICES, client.services().inAnyNamespace().runnableInformer(0),
                feeder::onServiceAdd, feeder::onServiceUpdate, feeder::onServiceDelete);
        inform(ClusterStore.Kind.ENDPOINT_SLICES,
                client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0),
                feeder::onSliceAdd, feeder::onSliceUpdate, feeder::onSliceDelete);
        // The field selector keeps other nodes' heartbeats off the wire unless the router wants them all; the feeder
        // filters by name as well.
        var nodes = feeder.wantsAllNodes() ? client.nodes() : client.nodes().withField("metadata.name", feeder.nodeName());
        inform(ClusterStore.Kind.NODES, nodes.runnableInformer(0), feeder::onNodeAdd, feeder::onNodeUpdate, feeder::onNodeDelete);
    }

    /** All pods, not only this node's: a policy on a local pod may name peers anywhere in the cluster. */
    private void startPolicyInformers() {
        inform(PolicyStore.Kind.PODS, client.pods().inAnyNamespace().runnableInformer(0),
                policies::onPodAdd, policies::onPodUpdate, policies::onPodDelete);
        inform(PolicyStore.Kind.NAMESPACES, client.namespaces().runnableInformer(0),
                policies::onNamespaceAdd, policies::onNamespaceUpdate, policies::onNamespaceDelete);
        inform(PolicyStore.Kind.NETWORK_POLICIES,
                client.network().v1().networkPolicies().inAnyNamespace().runnableInformer(0),
                policies::onNetworkPolicyAdd, policies::onNetworkPolicyUpdate, policies::onNetworkPolicyDelete);
    }

    /** Stops every informer; the store keeps what it has. */
    @Override
    public synchronized void close() {
        closed = true;
        for (SharedIndexInformer<?> i : informers) {
            try {
                i.stop();
            } catch (RuntimeException e) {
                log.warn("stopping the {} informer failed", i.getApiTypeClass().getSimpleName(), e);
            }
        }
        informers.clear();
    }

    private <T extends HasMetadata> void inform(Enum<?> kind, SharedIndexInformer<T> informer,
            Consumer<T> add, BiConsumer<T, T> update, Consumer<T> delete) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                add.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                update.accept(oldObj, newObj);
            }

            // fabric8 hands over the last known object even when the delete was missed (deletedFinalStateUnknown),
            // so there is no tombstone to unwrap: deleting by its name is right either way.
            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                delete.accept(obj);
            }

            @Override
            public void onList(String resourceVersion, boolean unused) {
                listed(kind);
            }
        });
        informer.exceptionHandler((isStarted, t) -> {
            if (closed) {
                return false;
            }
            log.warn("{} informer: {} failed; retrying", kind, isStarted ? "watch" : "initial list", t);
            return true;
        });
        informers.add(informer);
        informer.start().whenComplete((v, t) -> {
            if (t != null && !closed) {
                log.error("{} informer stopped", kind, t);
            }
        });
    }

    /** Called on every (re)list; only the first one of each kind changes anything. */
    private void listed(Enum<?> kind) {
        if (pending.remove(kind)) {
            switch (kind) {
                case ClusterStore.Kind k -> feeder.onSynced(k);
                case PolicyStore.Kind k -> policies.onSynced(k);
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
            if (pending.isEmpty()) {
                synced.complete(null);
            }
        }
    }

    private void warnIfNotSynced(int periods) {
        CompletableFuture.runAsync(() -> {
            if (closed || synced.isDone()) {
                return;
            }
            log.warn("caches not synced after {} s: still waiting for {}",
                    cacheSyncTimeout.multipliedBy(periods).toSeconds(), pending);
            warnIfNotSynced(periods + 1);
        }, CompletableFuture.delayedExecutor(cacheSyncTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }
}
