package dev.junction.agent;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.junction.nft.Family;
import dev.junction.nft.FakeNft;
import dev.junction.nft.TableRef;
import dev.junction.proxy.NftProxier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** IP plan: pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node n1. */
@Tag("unit")
class ProxyControllerTest {
    private static final TableRef TABLE = new TableRef(Family.IP, "junction");
    private final FakeNft nft = new FakeNft();
    private final ClusterStore store = new ClusterStore("n1");
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final ProxyHealth health = new ProxyHealth(Clock.systemUTC(), Duration.ofSeconds(60));
    private final ProxyController controller = new ProxyController(store,
            Map.of(IpFamily.V4, new NftProxier(nft, TABLE)),
            new ProxyController.Settings(List.of(dev.junction.model.Cidr.of("10.96.0.0/12")),
                    List.of(dev.junction.model.Cidr.of("10.244.0.0/16")), false, new NodeAddresses(List.of("primary"))),
            metrics, health, null, null);

    @Test
    void programsNothingBeforeEverySourceHasSynced() {
        store.putService(service("web", "10.96.0.10"));
        store.markSynced(ClusterStore.Kind.SERVICES);
        assertThat(controller.sync()).isTrue();
        assertThat(nft.transactions()).isZero();
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void firstSyncIsFullThenOnlyChangedServicesAreSent() {
        syncedStore();
        store.putService(service("web", "10.96.0.10"));
        store.putService(service("api", "10.96.0.11"));
        store.putSlice("demo", slice("web", "10.244.0.5"), 0);
        assertThat(controller.sync()).isTrue();
        assertThat(health.healthy()).isTrue();
        assertThat(nft.elements(TABLE, "service-ips")).containsKey("10.96.0.10 . tcp . 80");

        store.putSlice("demo", slice("api", "10.244.0.7"), 0);
        assertThat(controller.sync()).isTrue();
        String tx = nft.lastTransaction().toString();
        assertThat(tx).contains("10.96.0.11").doesNotContain("10.96.0.10");
    }

    @Test
    void aRefusedTransactionIsCountedAndTheNextSyncIsFull() {
        syncedStore();
        store.putService(service("web", "10.96.0.10"));
        assertThat(controller.sync()).isTrue();
        store.putSlice("demo", slice("web", "10.244.0.5"), 0);
        nft.failNext("injected failure");
        assertThat(controller.sync()).isFalse();
        assertThat(metrics.scrape()).asString().contains("kubeproxy_sync_proxy_rules_nftables_sync_failures_total{ip_family=\"IPv4\"} 1.0");
        assertThat(controller.sync()).isTrue();
        assertThat(nft.elements(TABLE, "backends-tcp-1")).containsValue("10.244.0.5 . 8080");
    }

    private void syncedStore() {
        for (ClusterStore.Kind k : ClusterStore.Kind.values()) {
            store.markSynced(k);
        }
    }

    private static Service service(String name, String ip) {
        return new Service(new ServiceKey("demo", name), List.of(new ServicePort("http", Protocol.TCP, 80, 0)),
                List.of(Ip.of(ip)), List.of(), List.of(), List.of(), 0, false, false, 0, Service.Topology.NONE);
    }

    private static EndpointSlice slice(String svc, String ip) {
        return new EndpointSlice(new ServiceKey("demo", svc), svc + "-1", IpFamily.V4,
                List.of(new EndpointPort("http", Protocol.TCP, 8080)),
                List.of(new Endpoint(Ip.of(ip), true, true, false, "n1", "", Set.of(), Set.of())));
    }
}
