// IP plan: pods 10.244.0.0/16 (node-a 10.244.1.x, node-b 10.244.2.x, node-c 10.244.3.x), ClusterIPs 10.96.0.0/12,
// node 192.168.0.2, external clients and LB IPs 203.0.113.0/24.
package dev.junction.proxy;

import static dev.junction.proxy.Scenario.NODE;
import static dev.junction.proxy.Scenario.NODE_B;
import static dev.junction.proxy.Scenario.NODE_C;
import static dev.junction.proxy.Scenario.golden;
import static dev.junction.proxy.Scenario.key;
import static dev.junction.proxy.Scenario.ready;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import dev.junction.nft.Family;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.Op;
import dev.junction.nft.TableRef;
import dev.junction.nft.Transaction;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The golden scenario's life: a full sync, then one change of each kind the proxier handles incrementally,
 * a refused transaction, and a restart that adopts the table. Run over the fake (IncrementalSyncTest) and
 * the kernel (ProxyKernelTest), so the kernel is shown to accept every batch the fake accepted.
 */
final class Journey {
    /** Tables Junction must never touch: another program's, and one with Junction's name in another family. */
    static final TableRef FOREIGN = new TableRef(Family.IP, "other");
    static final TableRef FOREIGN_INET = new TableRef(Family.INET, "junction");

    interface Action {
        void run() throws Exception;
    }

    /** One step; {@code converged}: the table is then what a fresh full sync of the services would build. */
    record Step(String name, boolean converged, Action action) {
        @Override
        public String toString() {
            return name;
        }
    }

    final FlakyNft nft;
    Harness harness;

    Journey(Nft nft) {
        this.nft = new FlakyNft(nft);
        this.harness = new Harness(this.nft, Scenario.golden());
    }

    static void addForeignTables(Nft nft) throws NftException {
        nft.apply(new Transaction(FOREIGN).addTable().addSet("blocked", "ipv4_addr", null, 0)
                .addElement("blocked", "198.51.100.9").addChain("input").addRule("input", "ip saddr @blocked drop"));
        nft.apply(new Transaction(FOREIGN_INET).addTable().addChain("services").addRule("services", "accept"));
    }

    /**
     * Objects a previous run of an older layout left in Junction's table: a per-service chain named by an
     * element of a shared map and by a verdict map that no longer exists in the layout, and stray elements.
     */
    static void addLeftovers(Nft nft) throws NftException {
        String old = "service-OLDLAYOU-default/old/tcp/80";
        nft.apply(new Transaction(Harness.V4).addChain(old).addRule(old, "meta l4proto tcp dnat to 10.244.9.9:80")
                .addElement("service-ips", "10.96.9.9 . tcp . 80", "goto " + old)
                .addElement("cluster-ips", "10.96.9.9")
                .add(new Op.AddSet("old-endpoint-map", "ipv4_addr", "verdict", null, 0))
                .addElement("old-endpoint-map", "10.96.9.9", "goto " + old)
                .addSet("affinity-OLDLAYOU-default/old", "ipv4_addr", "dynamic,timeout", 60));
    }

    List<Step> steps() {
        return List.of(
                new Step("full sync of the golden scenario", true, () -> harness.full()),
                new Step("web: one endpoint changes address", true, () -> harness.put(golden("web").endpoints(
                        ready("10.244.1.10", NODE), ready("10.244.2.10", NODE_B), ready("10.244.2.99", NODE_B)).state())),
                new Step("web: grows to four endpoints", true, () -> harness.put(golden("web").endpoints(
                        ready("10.244.1.10", NODE), ready("10.244.2.10", NODE_B), ready("10.244.2.99", NODE_B),
                        ready("10.244.3.10", NODE_C)).state())),
                new Step("edge (eTP=Local): loses its local endpoint", true, () -> harness.put(golden("edge")
                        .endpoints(ready("10.244.2.50", NODE_B), ready("10.244.2.51", NODE_B)).state())),
                new Step("sticky (ClientIP affinity): loses an endpoint", true, () -> harness.put(golden("sticky")
                        .endpoints(ready("10.244.2.70", NODE_B)).state())),
                new Step("a second service claims shop's externalIP and port", true, () -> harness.put(
                        Scenario.svc("shop-copy").clusterIp("10.96.0.31").externalIp("203.0.113.30")
                                .tcp("http", 80, 0, 9090).endpoints(ready("10.244.1.31", NODE)).state())),
                new Step("shop goes: the second service takes over the externalIP", true,
                        () -> harness.remove(key("shop"))),
                new Step("empty gets an endpoint, draining loses its last", true, () -> harness.put(
                        golden("empty").endpoints(ready("10.244.2.90", NODE_B)).state(),
                        golden("draining").endpoints().state())),
                new Step("a refused transaction", false, () -> {
                    nft.failNext();
                    ServiceState zonal = golden("zonal").endpoints(ready("10.244.1.100", NODE)).state();
                    assertThatThrownBy(() -> harness.put(zonal)).isInstanceOf(NftException.class);
                }),
                new Step("the next sync is full and converges", true, () -> harness.put()),
                new Step("dual moves to another node port", true, () -> harness.put(golden("dual").nodePort(30111).state())),
                new Step("leftovers of an older layout appear in the table", false, () -> addLeftovers(nft)),
                new Step("a restarted agent that no longer knows web adopts the table and removes them", true, () -> {
                    harness = new Harness(nft, without(harness.services, key("web")));
                    harness.full();
                }));
    }

    /** A restarted agent with the same services: its full sync adopts the table. */
    List<NftProxier.SyncResult> restart() throws NftException {
        harness = new Harness(nft, harness.services);
        return harness.full();
    }

    static SortedMap<ServiceKey, ServiceState> without(Map<ServiceKey, ServiceState> services, ServiceKey gone) {
        SortedMap<ServiceKey, ServiceState> out = new TreeMap<>(services);
        out.remove(gone);
        return out;
    }
}
