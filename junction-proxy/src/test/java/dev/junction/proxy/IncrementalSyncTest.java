// IP plan: pods 10.244.0.0/16 (this node node-a: 10.244.1.x, node-b 10.244.2.x), ClusterIPs 10.96.0.0/12
// (bulk services 10.100.0.0/16), node 192.168.0.2, external clients and LB IPs 203.0.113.0/24.
package dev.junction.proxy;

import dev.junction.nft.GoldenFile;
import static dev.junction.proxy.Scenario.NODE;
import static dev.junction.proxy.Scenario.NODE_B;
import static dev.junction.proxy.Scenario.key;
import static dev.junction.proxy.Scenario.ready;
import static dev.junction.proxy.Scenario.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.IpFamily;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import dev.junction.nft.FakeNft;
import dev.junction.nft.Op;
import dev.junction.nft.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Partial syncs send only what changed, and full syncs converge on exactly the desired table. */
@Tag("unit")
class IncrementalSyncTest {
    private final FakeNft nft = new FakeNft();

    @Test
    void oneEndpointChangeCostsTheSameAt100And1000Services() throws Exception {
        int at100 = oneEndpointChangeOps(100);
        int at1000 = oneEndpointChangeOps(1000);
        assertThat(at1000).isEqualTo(at100).isLessThanOrEqualTo(4); // backends and hairpin: delete + add each
    }

    private static int oneEndpointChangeOps(int n) throws Exception {
        FakeNft fake = new FakeNft();
        SortedMap<ServiceKey, ServiceState> all = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            ServiceState s = bulk(i, "10.244." + (10 + i / 100) + "." + (i % 100 * 2 + 2));
            all.put(s.key(), s);
        }
        Harness h = new Harness(fake, all, IpFamily.V4);
        h.full();
        assertThat(fake.elements(Harness.V4, "service-ips")).hasSize(n);
        h.put(bulk(7, "10.244.200.7"));
        Transaction tx = fake.lastTransaction();
        assertThat(tx.ops()).allMatch(op -> op instanceof Op.AddElement || op instanceof Op.DeleteElement);
        assertThat(tx.toString()).contains("10.244.200.7").doesNotContain("10.100.0.9 ");
        return tx.size();
    }

    private static ServiceState bulk(int i, String secondEndpoint) {
        String first = "10.244." + (10 + i / 100) + "." + (i % 100 * 2 + 1);
        return svc(String.format("bulk-%04d", i), "bulk").clusterIp("10.100." + (i / 250) + "." + (i % 250 + 1))
                .tcp("http", 80, 0, 8080).endpoints(ready(first, NODE), ready(secondEndpoint, NODE_B)).state();
    }

    static Stream<String> goldenServices() {
        return Scenario.golden().keySet().stream().map(ServiceKey::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenServices")
    void removingAServiceLeavesExactlyTheTableWithoutIt(String name) throws Exception {
        Harness h = new Harness(nft, Scenario.golden());
        h.full();
        h.remove(key(name));
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(Journey.without(Scenario.golden(), key(name))));
    }

    @Test
    void endpointCountChangesMoveElementsAndDropSelectChainsNobodyUses() throws Exception {
        Harness h = new Harness(nft, Scenario.of(three("b"), three("c")), IpFamily.V4);
        h.full();
        h.put(svc("b").clusterIp("10.96.1.1").tcp("http", 80, 0, 80).endpoints(ready("10.244.1.1", NODE)).state());
        assertThat(nft.chains(Harness.V4)).contains("select-tcp-1", "select-tcp-3");
        assertThat(nft.elements(Harness.V4, "backends-tcp-1")).containsOnlyKeys("10.96.1.1 . 80 . 0");
        assertThat(nft.elements(Harness.V4, "backends-tcp-3").keySet()).noneMatch(k -> k.startsWith("10.96.1.1 "));
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(h.services, IpFamily.V4));

        h.remove(key("c"));
        assertThat(nft.chains(Harness.V4)).doesNotContain("select-tcp-3");
        assertThat(nft.dump(Harness.V4)).doesNotContain("backends-tcp-3");
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(h.services, IpFamily.V4));

        h.put(svc("b").clusterIp("10.96.1.1").tcp("http", 80, 0, 80)
                .endpoints(ready("10.244.1.1", NODE), ready("10.244.2.1", NODE_B)).state());
        assertThat(nft.chains(Harness.V4)).contains("select-tcp-2").doesNotContain("select-tcp-1");
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(h.services, IpFamily.V4));
    }

    private static ServiceState three(String name) {
        int n = name.charAt(0) - 'a';
        return svc(name).clusterIp("10.96.1." + n).tcp("http", 80, 0, 80).endpoints(ready("10.244.1." + (10 * n), NODE),
                ready("10.244.2." + (10 * n), NODE_B), ready("10.244.2." + (10 * n + 1), NODE_B)).state();
    }

    @Test
    void twoServicesClaimingOneExternalIpAndPort() throws Exception {
        ServiceState first = svc("first").clusterIp("10.96.2.1").externalIp("203.0.113.77").tcp("http", 80, 0, 8080)
                .endpoints(ready("10.244.1.1", NODE), ready("10.244.2.1", NODE_B)).state();
        ServiceState second = svc("second").clusterIp("10.96.2.2").externalIp("203.0.113.77").tcp("http", 80, 0, 8080)
                .endpoints(ready("10.244.1.2", NODE)).state();
        Harness h = new Harness(nft, Scenario.of(), IpFamily.V4);
        h.full();
        h.put(first);
        h.put(second); // must not fail the transaction
        PacketTracer tracer = new PacketTracer(nft, Harness.V4, Scenario.NODE_IP);
        assertThat(tracer.trace("203.0.113.7", "203.0.113.77", 80, "tcp").targets())
                .containsExactlyInAnyOrder("10.244.1.1:8080", "10.244.2.1:8080");
        assertThat(h.proxiers.get(IpFamily.V4).conflicts()).isPositive();

        h.remove(first.key());
        assertThat(tracer.trace("203.0.113.7", "203.0.113.77", 80, "tcp").targets()).containsExactly("10.244.1.2:8080");
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(h.services, IpFamily.V4));
    }

    @Test
    void aRefusedTransactionForcesAFullSyncThatConverges() throws Exception {
        Harness h = new Harness(nft, Scenario.golden());
        h.full();
        String before = Harness.dump(nft);
        nft.failNext("refused");
        ServiceState web = Scenario.golden("web").endpoints(ready("10.244.1.10", NODE)).state();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.put(web))
                .isInstanceOf(dev.junction.nft.NftException.class);
        assertThat(h.proxiers.get(IpFamily.V4).needsFullSync(Scenario.context(IpFamily.V4))).isTrue();
        assertThat(Harness.dump(nft)).isEqualTo(before);

        List<NftProxier.SyncResult> r = h.put();
        assertThat(r.get(0).full()).isTrue();
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(h.services)).isNotEqualTo(before);
    }

    @Test
    void fullSyncRemovesOnlyJunctionsStaleObjects() throws Exception {
        Journey.addForeignTables(nft);
        String foreign = nft.dump(Journey.FOREIGN) + nft.dump(Journey.FOREIGN_INET);
        // A previous run knew two services more, and left objects of an older layout.
        SortedMap<ServiceKey, ServiceState> previous = new TreeMap<>(Scenario.golden());
        for (ServiceState s : List.of(svc("gone-sticky").clusterIp("10.96.3.1").affinity(60).etpLocal()
                        .lbIp("203.0.113.99").tcp("http", 80, 30999, 80).endpoints(ready("10.244.1.99", NODE)).state(),
                svc("gone").clusterIp("10.96.3.2").tcp("http", 80, 0, 80).endpoints(ready("10.244.2.99", NODE_B),
                        ready("10.244.2.98", NODE_B), ready("10.244.2.97", NODE_B), ready("10.244.2.96", NODE_B)).state())) {
            previous.put(s.key(), s);
        }
        new Harness(nft, previous).full();
        Journey.addLeftovers(nft);

        new Harness(nft, Scenario.golden()).full(); // a new process: nothing in memory
        assertThat(Harness.dump(nft)).isEqualTo(Harness.freshDump(Scenario.golden()));
        assertThat(nft.dump(Journey.FOREIGN) + nft.dump(Journey.FOREIGN_INET)).isEqualTo(foreign).contains("blocked");
    }

    @Test
    void anUnchangedFullSyncChangesNoElementAndAnUnchangedPartialSyncSendsNothing() throws Exception {
        Harness h = new Harness(nft, Scenario.golden());
        h.full();
        String before = Harness.dump(nft);
        List<NftProxier.SyncResult> again = h.full();
        assertThat(again).allMatch(r -> r.full() && r.elementsChanged() == 0);
        assertThat(nft.lastTransaction().ops()).noneMatch(op -> op instanceof Op.AddElement || op instanceof Op.DeleteElement);
        assertThat(Harness.dump(nft)).isEqualTo(before);

        int transactions = nft.transactions();
        h.put(Scenario.golden().values().toArray(ServiceState[]::new));
        assertThat(nft.transactions()).isEqualTo(transactions);
    }

    @Test
    void everyStepOfTheJourneyLeavesTheTableAFreshSyncWouldBuild() throws Exception {
        Journey j = new Journey(nft);
        Journey.addForeignTables(nft);
        String foreign = nft.dump(Journey.FOREIGN) + nft.dump(Journey.FOREIGN_INET);
        List<String> failures = new ArrayList<>();
        for (Journey.Step step : j.steps()) {
            step.action().run();
            if (step.converged() && !Harness.dump(nft).equals(Harness.freshDump(j.harness.services))) {
                failures.add(step.name() + "\n" + GoldenFile.diff(Harness.freshDump(j.harness.services).lines().toList(),
                        Harness.dump(nft).lines().toList()));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(j.restart()).allMatch(r -> r.elementsChanged() == 0);
        assertThat(nft.dump(Journey.FOREIGN) + nft.dump(Journey.FOREIGN_INET)).isEqualTo(foreign);
        assertThat(Set.copyOf(nft.chains(Harness.V4))).doesNotContain("service-OLDLAYOU-default/old/tcp/80");
    }
}
