package dev.junction.kube;

import dev.junction.model.ClusterStore;
import dev.junction.model.ServiceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import dev.junction.model.NodeTable;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin event handlers every source calls (kube-proxy's {@code pkg/proxy/config} handlers): convert the object,
 * feed the {@link ClusterStore}, and call {@code requestSync} only if the store reports a change, so no-op
 * updates (a status heartbeat, a resync) cost nothing downstream.
 *
 * <ul>
 *   <li><b>Accepted</b>: put into the store; each warning is reported to {@link Rejections#warned}.
 *   <li><b>Ignored</b>: removed from the store: a service that becomes headless, or a slice that loses its
 *       service label, must lose its rules.
 *   <li><b>Rejected</b>: the store keeps what it has (the last valid version, if any) and the rejection is
 *       reported. Deleting the old version instead would let one bad edit take a working service down.
 * </ul>
 *
 * <p>No handler ever throws: fabric8 handlers cannot return errors, and an exception escaping into the informer
 * would only be logged there, without the object's name. Every body runs inside a catch-all that reports to
 * {@link Rejections#failed}. Handlers may be called from several threads (one per informer); the store is
 * thread-safe and the feeder keeps no state of its own.
 */
public final class StoreFeeder {
    private static final Logger log = LoggerFactory.getLogger(StoreFeeder.class);

    private final ClusterStore store;
    private final ServiceConverter services;
    private final EndpointSliceConverter slices;
    private final NodeConverter nodes;
    private volatile NodeTable allNodes;
    private final Rejections rejections;
    private final Runnable requestSync;

    public StoreFeeder(ClusterStore store, ServiceConverter services, EndpointSliceConverter slices,
            NodeConverter nodes, Rejections rejections, Runnable requestSync) {
        this.store = Objects.requireNonNull(store);
        this.services = Objects.requireNonNull(services);
        this.slices = Objects.requireNonNull(slices);
        this.nodes = Objects.requireNonNull(nodes);
        this.rejections = Objects.requireNonNull(rejections);
        this.requestSync = Objects.requireNonNull(requestSync);
    }

    /** Builds the converters from the agent's options (slices of a disabled family are ignored). */
    public StoreFeeder(ClusterStore store, ServiceConverter.Options options, Rejections rejections, Runnable requestSync) {
        this(store, new ServiceConverter(options), new EndpointSliceConverter(options.families()), new NodeConverter(),
                rejections, requestSync);
    }

    /** The agent's own node: the only Node a source needs to deliver. */
    public String nodeName() {
        return store.nodeName();
    }

    public ClusterStore store() {
        return store;
    }

    public void onServiceAdd(Service s) {
        guarded(Rejections.SERVICE, s, () -> applyService(s));
    }

    public void onServiceUpdate(Service old, Service s) {
        guarded(Rejections.SERVICE, s, () -> applyService(s));
    }

    public void onServiceDelete(Service s) {
        guarded(Rejections.SERVICE, s, () -> store.removeService(key(s)));
    }

    public void onSliceAdd(EndpointSlice s) {
        guarded(Rejections.ENDPOINT_SLICE, s, () -> applySlice(s));
    }

    public void onSliceUpdate(EndpointSlice old, EndpointSlice s) {
        guarded(Rejections.ENDPOINT_SLICE, s, () -> applySlice(s));
    }

    public void onSliceDelete(EndpointSlice s) {
        guarded(Rejections.ENDPOINT_SLICE, s, () -> store.removeSlice(namespace(s), name(s)));
    }

    /**
     * Also feeds every Node of the cluster into {@code table} (for the router). Call before the source starts; a
     * source then has to deliver all Nodes, not only this node's ({@link #wantsAllNodes}).
     */
    public void feedAllNodesTo(NodeTable table) {
        this.allNodes = Objects.requireNonNull(table);
    }

    public boolean wantsAllNodes() {
        return allNodes != null;
    }

    public void onNodeAdd(Node n) {
        guarded(Rejections.NODE, n, () -> applyNode(n));
        if (allNodes != null) guarded(Rejections.NODE, n, () -> applyClusterNode(n));
    }

    public void onNodeUpdate(Node old, Node n) {
        guarded(Rejections.NODE, n, () -> applyNode(n));
        if (allNodes != null) guarded(Rejections.NODE, n, () -> applyClusterNode(n));
    }

    public void onNodeDelete(Node n) {
        guarded(Rejections.NODE, n, () -> isOwnNode(n) && store.removeNode(name(n)));
        if (allNodes != null) guarded(Rejections.NODE, n, () -> allNodes.remove(name(n)));
    }

    /** Any node into the cluster table; a node that does not convert is left out (and logged once by its kind). */
    private boolean applyClusterNode(Node n) {
        String name = name(n);
        return switch (nodes.convert(n)) {
            case Conversion.Accepted<dev.junction.model.Node>(var node, var warnings) -> allNodes.put(node);
            case Conversion.Ignored<dev.junction.model.Node>(var reason) -> allNodes.remove(name);
            case Conversion.Rejected<dev.junction.model.Node>(var reason) -> {
                if (!isOwnNode(n)) rejections.rejected(Rejections.NODE, "", name, reason);
                yield allNodes.remove(name);
            }
        };
    }

    /**
     * The source of {@code kind} has delivered its complete initial list. Always requests a sync: the runner
     * programs nothing until every kind has synced, and then needs one unconditional sync (kube-proxy
     * {@code OnServiceSynced}).
     */
    public void onSynced(ClusterStore.Kind kind) {
        try {
            store.markSynced(kind);
            if (kind == ClusterStore.Kind.NODES && allNodes != null) allNodes.markSynced();
            log.info("{} synced{}", kind, store.allSynced() ? "; every source has synced" : "");
            requestSync.run();
        } catch (Throwable t) {
            report("Sync", "", kind.name(), t);
        }
    }

    private boolean applyService(Service s) {
        ServiceKey key = key(s);
        return switch (services.convert(s)) {
            case Conversion.Accepted<dev.junction.model.Service>(var svc, var warnings) -> {
                warnings.forEach(w -> rejections.warned(Rejections.SERVICE, key.namespace(), key.name(), w));
                yield store.putService(svc);
            }
            case Conversion.Ignored<dev.junction.model.Service>(var reason) -> {
                log.debug("ignoring Service {}: {}", key, reason);
                yield store.removeService(key);
            }
            case Conversion.Rejected<dev.junction.model.Service>(var reason) -> {
                rejections.rejected(Rejections.SERVICE, key.namespace(), key.name(), reason);
                yield false;
            }
        };
    }

    private boolean applySlice(EndpointSlice s) {
        String namespace = namespace(s);
        String name = name(s);
        return switch (slices.convert(s)) {
            case Conversion.Accepted<EndpointSliceConverter.Converted>(var c, var warnings) -> {
                warnings.forEach(w -> rejections.warned(Rejections.ENDPOINT_SLICE, namespace, name, w));
                yield store.putSlice(namespace, c.slice(), c.triggerMillis());
            }
            case Conversion.Ignored<EndpointSliceConverter.Converted>(var reason) -> {
                log.debug("ignoring EndpointSlice {}/{}: {}", namespace, name, reason);
                yield store.removeSlice(namespace, name);
            }
            case Conversion.Rejected<EndpointSliceConverter.Converted>(var reason) -> {
                rejections.rejected(Rejections.ENDPOINT_SLICE, namespace, name, reason);
                yield false;
            }
        };
    }

    /**
     * Other nodes are dropped here as well as by the store: a field selector keeps them out in production, but
     * not every server (the fabric8 mock) honours one, and converting them would be wasted work.
     */
    private boolean applyNode(Node n) {
        if (!isOwnNode(n)) {
            return false;
        }
        String name = name(n);
        return switch (nodes.convert(n)) {
            case Conversion.Accepted<dev.junction.model.Node>(var node, var warnings) -> {
                warnings.forEach(w -> rejections.warned(Rejections.NODE, "", name, w));
                yield store.putNode(node);
            }
            case Conversion.Ignored<dev.junction.model.Node>(var reason) -> store.removeNode(name);
            case Conversion.Rejected<dev.junction.model.Node>(var reason) -> {
                rejections.rejected(Rejections.NODE, "", name, reason);
                yield false;
            }
        };
    }

    private boolean isOwnNode(Node n) {
        return store.nodeName().equals(name(n));
    }

    private void guarded(String kind, HasMetadata obj, BooleanSupplier body) {
        Guard.run(kind, obj, body, requestSync, rejections);
    }

    private void report(String kind, String namespace, String name, Throwable t) {
        Guard.report(rejections, kind, namespace, name, t);
    }

    private static ServiceKey key(Service s) {
        return new ServiceKey(namespace(s), name(s));
    }

    private static String namespace(HasMetadata o) {
        return Guard.namespace(o);
    }

    private static String name(HasMetadata o) {
        return Guard.name(o);
    }
}
