package dev.junction.agent.bench;

import dev.junction.model.Cidr;
import dev.junction.model.ClusterStore;
import dev.junction.model.Endpoint;
import dev.junction.model.EndpointPort;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.model.Service;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServicePort;
import dev.junction.proxy.compile.NodeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark's cluster, made up: {@code services} ClusterIP services {@code bench/svc-NNNNN} (TCP port 80,
 * ClusterIPs 10.96.0.1, 10.96.0.2, ... from 10.96.0.0/12), each with one EndpointSlice of
 * {@code endpointsPerService} ready endpoints (pod IPs 10.0.0.1, 10.0.0.2, ... from 10.0.0.0/8, target port
 * 8080, round-robin over four node names). Mutable: {@link #nextChange} walks it through one-endpoint changes,
 * and {@link #feed} / {@link #putSlice} hand the current state to a {@link ClusterStore}.
 */
final class SyntheticCluster {
    static final String NAMESPACE = "bench";
    static final int PORT = 80;
    static final int TARGET_PORT = 8080;
    static final List<String> NODES = List.of("node-0", "node-1", "node-2", "node-3");
    static final String THIS_NODE = NODES.get(0);
    static final Cidr SERVICE_CIDR = Cidr.of("10.96.0.0/12");
    static final Cidr CLUSTER_CIDR = Cidr.of("10.0.0.0/8");
    static final Ip NODE_IP = Ip.of("192.168.0.10");
    /** Largest supported sizes: the ClusterIPs must fit the /12, the pod IPs (with churn) the /8. */
    static final int MAX_SERVICES = (1 << 20) - 2;
    static final long MAX_PODS = (1L << 24) - 2;

    /** What one change did, for the report. */
    enum Kind { REPLACE, REMOVE, ADD_BACK }

    record Change(Kind kind, int service, Ip ip) {}

    private final int services;
    private final int endpointsPerService;
    private final List<List<Endpoint>> endpoints;
    private int nextPod;
    private int step;
    private int removedFrom = -1;
    private Endpoint removed;

    SyntheticCluster(int services, int endpointsPerService) {
        if (services < 1 || services > MAX_SERVICES) {
            throw new IllegalArgumentException("--services must be 1.." + MAX_SERVICES + ": " + services);
        }
        if (endpointsPerService < 1 || (long) services * endpointsPerService > MAX_PODS / 2) {
            throw new IllegalArgumentException("--endpoints-per-service must be at least 1, and services x endpoints"
                    + " at most " + MAX_PODS / 2 + ": " + endpointsPerService);
        }
        this.services = services;
        this.endpointsPerService = endpointsPerService;
        this.endpoints = new ArrayList<>(services);
        for (int s = 0; s < services; s++) {
            List<Endpoint> eps = new ArrayList<>(endpointsPerService);
            for (int e = 0; e < endpointsPerService; e++) {
                eps.add(newEndpoint());
            }
            endpoints.add(eps);
        }
    }

    int services() {
        return services;
    }

    int endpointsPerService() {
        return endpointsPerService;
    }

    /** The node context of the benchmark's node (IPv4, cluster CIDR known: off-cluster clients are masqueraded). */
    static NodeContext nodeContext() {
        return new NodeContext(IpFamily.V4, THIS_NODE, "", List.of(NODE_IP), List.of(SERVICE_CIDR),
                List.of(CLUSTER_CIDR), false);
    }

    static ServiceKey key(int service) {
        return new ServiceKey(NAMESPACE, String.format("svc-%05d", service));
    }

    /** The ClusterIP of service {@code i} (0-based): 10.96.0.1 + i. */
    static Ip clusterIp(int service) {
        return offset(SERVICE_CIDR.network(), service + 1L);
    }

    /** The n-th pod IP (0-based): 10.0.0.1 + n. */
    static Ip podIp(long n) {
        return offset(CLUSTER_CIDR.network(), n + 1);
    }

    static Ip offset(Ip base, long n) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | base.byteAt(i);
        }
        v += n;
        return new Ip(IpFamily.V4, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    Service service(int i) {
        return new Service(key(i), List.of(new ServicePort("", Protocol.TCP, PORT, 0)), List.of(clusterIp(i)),
                List.of(), List.of(), List.of(), 0, false, false, 0, Service.Topology.NONE);
    }

    EndpointSlice slice(int i) {
        return new EndpointSlice(key(i), key(i).name() + "-bench", IpFamily.V4,
                List.of(new EndpointPort("", Protocol.TCP, TARGET_PORT)), endpoints.get(i));
    }

    /** The current endpoints of service {@code i}, in slice order. */
    List<Endpoint> endpoints(int i) {
        return List.copyOf(endpoints.get(i));
    }

    /** Puts every service and its slice into the store and marks every source synced. */
    void feed(ClusterStore store) {
        for (int i = 0; i < services; i++) {
            store.putService(service(i));
            putSlice(store, i);
        }
        for (ClusterStore.Kind k : ClusterStore.Kind.values()) {
            store.markSynced(k);
        }
    }

    void putSlice(ClusterStore store, int service) {
        store.putSlice(NAMESPACE, slice(service), 0);
    }

    /**
     * Makes the next one-endpoint change, in a cycle of three: replace the IP of one endpoint of a random
     * service with a fresh pod IP; remove one endpoint of a random service; add that endpoint back.
     */
    Change nextChange(Random random) {
        Kind kind = Kind.values()[step++ % 3];
        switch (kind) {
            case REPLACE -> {
                int s = random.nextInt(services);
                List<Endpoint> eps = endpoints.get(s);
                int k = random.nextInt(eps.size());
                Endpoint e = newEndpoint();
                eps.set(k, e);
                return new Change(kind, s, e.ip());
            }
            case REMOVE -> {
                int s = random.nextInt(services);
                List<Endpoint> eps = endpoints.get(s);
                removed = eps.remove(random.nextInt(eps.size()));
                removedFrom = s;
                return new Change(kind, s, removed.ip());
            }
            default -> {
                endpoints.get(removedFrom).add(removed);
                Change c = new Change(kind, removedFrom, removed.ip());
                removed = null;
                removedFrom = -1;
                return c;
            }
        }
    }

    private Endpoint newEndpoint() {
        if (nextPod >= MAX_PODS) {
            throw new IllegalStateException("pod IPs of " + CLUSTER_CIDR + " exhausted");
        }
        int n = nextPod++;
        return new Endpoint(podIp(n), true, true, false, NODES.get(n % NODES.size()), "", Set.of(), Set.of());
    }
}
