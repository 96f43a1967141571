package dev.junction.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The change tracker every source (informers, a manifest folder) feeds. It keeps the current Services,
 * EndpointSlices and the agent's own Node, drops no-op updates, and remembers which services changed since the
 * last {@link #takeChanges()}, so that a sync touches only those. Thread-safe: sources call in from their own
 * threads, the sync loop drains.
 *
 * <p>Every mutator returns true if it changed something that needs a sync.
 */
public final class ClusterStore {
    /** What has to sync before anything may be programmed (a partial view would delete live rules). */
    public enum Kind { SERVICES, ENDPOINT_SLICES, NODES }

    private record SliceId(String namespace, String name) {}

    private final LongSupplier clockMillis;
    private final String nodeName;
    private final Map<ServiceKey, Service> services = new HashMap<>();
    private final Map<SliceId, EndpointSlice> slices = new HashMap<>();
    private final Map<ServiceKey, Set<SliceId>> slicesByService = new HashMap<>();
    private final Map<ServiceKey, Long> dirty = new HashMap<>();
    private final Set<Kind> synced = new HashSet<>();
    private Node node;
    private boolean nodeDirty;
    private long serviceGeneration;

    public ClusterStore(String nodeName, LongSupplier clockMillis) {
        this.nodeName = Objects.requireNonNull(nodeName);
        this.clockMillis = clockMillis;
    }

    public ClusterStore(String nodeName) {
        this(nodeName, System::currentTimeMillis);
    }

    public String nodeName() {
        return nodeName;
    }

    public synchronized boolean putService(Service s) {
        Service old = services.put(s.key(), s);
        return !s.equals(old) && markDirty(s.key(), 0);
    }

    public synchronized boolean removeService(ServiceKey key) {
        return services.remove(key) != null && markDirty(key, 0);
    }

    /**
     * Adds or replaces a slice.
     *
     * @param triggerMillis when the change happened, if the slice says so (0: now)
     */
    public synchronized boolean putSlice(String namespace, EndpointSlice s, long triggerMillis) {
        SliceId id = new SliceId(namespace, s.name());
        EndpointSlice old = slices.put(id, s);
        if (s.equals(old)) {
            return false;
        }
        if (old != null && !old.service().equals(s.service())) {
            unindex(old.service(), id); // relabelled to another service: both change
            markDirty(old.service(), triggerMillis);
        }
        slicesByService.computeIfAbsent(s.service(), k -> new HashSet<>()).add(id);
        return markDirty(s.service(), triggerMillis);
    }

    public synchronized boolean removeSlice(String namespace, String sliceName) {
        SliceId id = new SliceId(namespace, sliceName);
        EndpointSlice old = slices.remove(id);
        if (old == null) {
            return false;
        }
        unindex(old.service(), id);
        return markDirty(old.service(), 0);
    }

    /** Records a Node; only the agent's own node is kept, others are ignored. */
    public synchronized boolean putNode(Node n) {
        if (!n.name().equals(nodeName) || n.equals(node)) {
            return false;
        }
        node = n;
        nodeDirty = true;
        return true;
    }

    public synchronized boolean removeNode(String name) {
        if (!name.equals(nodeName) || node == null) {
            return false;
        }
        node = null;
        nodeDirty = true;
        return true;
    }

    /** The source of {@code kind} has delivered its initial list. */
    public synchronized void markSynced(Kind kind) {
        synced.add(kind);
    }

    /** True once services, slices and nodes have all delivered their initial lists. */
    public synchronized boolean allSynced() {
        return synced.size() == Kind.values().length;
    }

    public synchronized Optional<Node> node() {
        return Optional.ofNullable(node);
    }

    /** Hands over what changed since the last call and forgets it. */
    public synchronized Changes takeChanges() {
        Map<ServiceKey, ServiceState> out = new TreeMap<>();
        for (ServiceKey k : dirty.keySet()) {
            out.put(k, stateOf(k));
        }
        Changes c = new Changes(out, dirty, nodeDirty, Optional.ofNullable(node));
        dirty.clear();
        nodeDirty = false;
        return c;
    }

    /** Every service known now (as if all had changed), for a full resync; also clears pending changes. */
    public synchronized Changes takeAll() {
        Set<ServiceKey> keys = new HashSet<>(services.keySet());
        keys.addAll(slicesByService.keySet());
        keys.addAll(dirty.keySet());
        Map<ServiceKey, ServiceState> out = new TreeMap<>();
        for (ServiceKey k : keys) {
            out.put(k, stateOf(k));
        }
        Changes c = new Changes(out, dirty, true, Optional.ofNullable(node));
        dirty.clear();
        nodeDirty = false;
        return c;
    }

    /**
     * Every service as it is now, without touching the pending changes (those belong to the proxy). For readers
     * beside the proxy, such as the router's VIP advertisement; compare {@link #serviceGeneration} to skip work.
     */
    public synchronized List<ServiceState> snapshot() {
        Set<ServiceKey> keys = new java.util.TreeSet<>(services.keySet());
        keys.addAll(slicesByService.keySet());
        List<ServiceState> out = new ArrayList<>();
        for (ServiceKey k : keys) out.add(stateOf(k));
        return out;
    }

    /** Grows with every service or slice change. */
    public synchronized long serviceGeneration() {
        return serviceGeneration;
    }

    /** Services and slices pending a sync (the kube-proxy *_changes_pending gauges). */
    public synchronized int pendingServices() {
        return dirty.size();
    }

    public synchronized int serviceCount() {
        return services.size();
    }

    private ServiceState stateOf(ServiceKey k) {
        List<EndpointSlice> list = new ArrayList<>();
        for (SliceId id : slicesByService.getOrDefault(k, Set.of())) {
            list.add(slices.get(id));
        }
        list.sort(Comparator.comparing(EndpointSlice::name));
        return new ServiceState(k, services.get(k), list);
    }

    private void unindex(ServiceKey svc, SliceId id) {
        Set<SliceId> ids = slicesByService.get(svc);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                slicesByService.remove(svc);
            }
        }
    }

    private boolean markDirty(ServiceKey key, long triggerMillis) {
        serviceGeneration++;
        long t = triggerMillis > 0 ? triggerMillis : clockMillis.getAsLong();
        dirty.merge(key, t, Math::min);
        return true;
    }
}
