package dev.junction.proxy.compile;

import static dev.junction.proxy.compile.Names.*;

import dev.junction.model.Service;
import java.util.ArrayList;
import java.util.List;
import dev.junction.nft.desired.ChainDef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.SetDef;

/**
 * How a frontend reaches one of its endpoints.
 *
 * <p>Without session affinity (the common case) no per-service rule is written: the frontend's endpoints are
 * elements {@code <frontend addr> . <port> . <i> : <endpoint addr> . <port>} of the shared map
 * {@code backends-<proto>-<n>}, and the shared chain {@code select-<proto>-<n>} DNATs with
 * {@code numgen random mod n} into it. An endpoint change is then an element change: the kernel validates no
 * rule, and the table's chain count does not grow with the number of services (every rule added to a big
 * table, and every set it has, makes each later transaction slower; see the README's layout notes).
 *
 * <p>With ClientIP affinity, kube-proxy's layout: a chain per service port that first sends a client to the
 * endpoint it used before (a per-endpoint dynamic set with the affinity timeout), then picks at random; one
 * chain per endpoint records the client and DNATs.
 */
final class Targets {
    private final Service svc;
    private final String key;
    private final String proto;
    private final NodeContext ctx;
    private final Fragment.Builder b;

    Targets(Service svc, String key, String proto, NodeContext ctx, Fragment.Builder b) {
        this.svc = svc;
        this.key = key;
        this.proto = proto;
        this.ctx = ctx;
        this.b = b;
    }

    /**
     * Adds what frontend {@code mapKey} ({@code addr . port}) needs to reach {@code targets} and returns the
     * chain to {@code goto}.
     *
     * @param local the Local-policy variant (see {@link Names#selectChain})
     */
    String route(String mapKey, List<Target> targets, boolean local) {
        for (Target t : targets) {
            // Only a pod on this node can reach itself through this node's NAT: a remote pod's connection to a
            // service is translated on its own node. Half the elements of a big table, saved.
            if (t.isLocal(ctx.nodeName())) {
                b.element(HAIRPIN, t.ip() + " . " + t.ip(), "");
            }
        }
        if (svc.affinityTimeoutSeconds() > 0) {
            return affinityChain(targets, local);
        }
        int n = targets.size();
        String chain = selectChain(local, proto, n);
        String map = backendsMap(local, proto, n);
        if (!b.hasChain(chain)) {
            String ip = ctx.ipKeyword();
            b.set(map, new SetDef("typeof " + ip + " daddr . th dport . numgen random mod 1",
                    ip + " daddr . " + proto + " dport", null, 0));
            b.chain(chain, ChainDef.regular(List.of("meta l4proto " + proto + " dnat " + ip + " to " + ip
                    + " daddr . th dport . numgen random mod " + n + " map @" + map)));
        }
        for (int i = 0; i < n; i++) {
            Target t = targets.get(i);
            b.element(map, mapKey + " . " + i, t.ip() + " . " + t.port());
        }
        return chain;
    }

    private String affinityChain(List<Target> targets, boolean local) {
        String chain = hashed(local ? LOCAL_PREFIX : SERVICE_PREFIX, key);
        if (b.hasChain(chain)) {
            return chain;
        }
        String ip = ctx.ipKeyword();
        List<String> rules = new ArrayList<>();
        List<String> epChains = new ArrayList<>();
        for (Target t : targets) {
            String ep = endpointChain(t);
            epChains.add(ep);
            rules.add(ip + " saddr @" + affinitySet(t) + " goto " + ep);
        }
        if (epChains.size() == 1) {
            rules.add("goto " + epChains.get(0));
        } else {
            StringBuilder vmap = new StringBuilder("numgen random mod " + epChains.size() + " vmap { ");
            for (int i = 0; i < epChains.size(); i++) {
                vmap.append(i == 0 ? "" : ", ").append(i).append(" : goto ").append(epChains.get(i));
            }
            rules.add(vmap.append(" }").toString());
        }
        b.chain(chain, ChainDef.regular(rules));
        return chain;
    }

    /** One chain per endpoint of the service port, shared by its cluster and local chains. */
    private String endpointChain(Target t) {
        String name = hashed(ENDPOINT_PREFIX, key + "__" + t.ip() + "/" + t.port());
        if (b.hasChain(name)) {
            return name;
        }
        String ip = ctx.ipKeyword();
        String set = affinitySet(t);
        b.set(set, new SetDef(ctx.addrType(), null, "dynamic,timeout", svc.affinityTimeoutSeconds()));
        b.chain(name, ChainDef.regular(List.of(
                "update @" + set + " { " + ip + " saddr }",
                "meta l4proto " + proto + " dnat to " + t.hostPort())));
        return name;
    }

    /** Includes the timeout, so that a new timeout is a new set rather than an in-place change. */
    private String affinitySet(Target t) {
        return hashed(AFFINITY_PREFIX, key + "__" + t.ip() + "/" + t.port() + "@" + svc.affinityTimeoutSeconds());
    }
}
