// IP plan: see Scenario (pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node 192.168.0.2, external 203.0.113.0/24).
package dev.junction.proxy;

import dev.junction.model.IpFamily;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import dev.junction.nft.Family;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.proxy.compile.Names;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the agent's sync loop does, for tests: one {@link NftProxier} per family on one {@link Nft}, the current
 * services, and a sync that passes every service when the proxier asks for a full sync and only the changed ones
 * otherwise.
 */
final class Harness {
    static final TableRef V4 = new TableRef(Family.IP, Names.TABLE);
    static final TableRef V6 = new TableRef(Family.IP6, Names.TABLE);

    final Nft nft;
    final Map<IpFamily, NftProxier> proxiers = new EnumMap<>(IpFamily.class);
    final SortedMap<ServiceKey, ServiceState> services = new TreeMap<>();

    Harness(Nft nft, Map<ServiceKey, ServiceState> initial, IpFamily... families) {
        this.nft = nft;
        for (IpFamily f : families.length == 0 ? IpFamily.values() : families) {
            proxiers.put(f, new NftProxier(nft, f == IpFamily.V4 ? V4 : V6));
        }
        services.putAll(initial);
    }

    static TableRef table(IpFamily f) {
        return f == IpFamily.V4 ? V4 : V6;
    }

    /** A full sync of every family (the periodic resync). */
    List<NftProxier.SyncResult> full() throws NftException {
        proxiers.values().forEach(NftProxier::requestFullSync);
        return sync(Map.of());
    }

    /** Replaces (or adds) services and syncs. */
    List<NftProxier.SyncResult> put(ServiceState... states) throws NftException {
        Map<ServiceKey, ServiceState> changed = new TreeMap<>();
        for (ServiceState s : states) {
            services.put(s.key(), s);
            changed.put(s.key(), s);
        }
        return sync(changed);
    }

    List<NftProxier.SyncResult> remove(ServiceKey... keys) throws NftException {
        Map<ServiceKey, ServiceState> changed = new TreeMap<>();
        for (ServiceKey k : keys) {
            services.remove(k);
            changed.put(k, new ServiceState(k, null, List.of()));
        }
        return sync(changed);
    }

    /** Syncs every family, as the agent does: a family that fails does not hold the others back. */
    private List<NftProxier.SyncResult> sync(Map<ServiceKey, ServiceState> changed) throws NftException {
        List<NftProxier.SyncResult> out = new ArrayList<>();
        NftException failure = null;
        for (Map.Entry<IpFamily, NftProxier> e : proxiers.entrySet()) {
            NftProxier p = e.getValue();
            var ctx = Scenario.context(e.getKey());
            try {
                out.add(p.sync(Scenario.changes(p.needsFullSync(ctx) ? services : changed), ctx));
            } catch (NftException ex) {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** Both tables, as FakeNft dumps them. */
    static String dump(dev.junction.nft.FakeNft nft) {
        return "# ip junction\n" + nft.dump(V4) + "\n# ip6 junction\n" + nft.dump(V6);
    }

    /** The tables a fresh agent would build from these services on an empty FakeNft. */
    static String freshDump(Map<ServiceKey, ServiceState> services, IpFamily... families) throws NftException {
        dev.junction.nft.FakeNft nft = new dev.junction.nft.FakeNft();
        new Harness(nft, services, families).full();
        return dump(nft);
    }
}
