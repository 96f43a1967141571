package dev.junction.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.agent.bench.SyntheticCluster.Change;
import dev.junction.agent.bench.SyntheticCluster.Kind;
import dev.junction.model.ClusterStore;
import dev.junction.model.Endpoint;
import dev.junction.model.Ip;
import dev.junction.nft.Family;
import dev.junction.nft.FakeNft;
import dev.junction.nft.TableRef;
import dev.junction.proxy.NftProxier;
import dev.junction.proxy.compile.Names;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's model and text generation, at tiny sizes and without the kernel. */
@Tag("unit")
class ProxyBenchModelTest {

    /** kube-proxy's layout of 2 services x 2 endpoints. Hashes checked with Python's hashlib + base64.b32encode. */
    private static final String KUBE_PROXY_2X2 = """
            add table ip kube-proxy
            add chain ip kube-proxy filter-prerouting { type filter hook prerouting priority -110 ; }
            add chain ip kube-proxy filter-input { type filter hook input priority -110 ; }
            add chain ip kube-proxy filter-forward { type filter hook forward priority -110 ; }
            add chain ip kube-proxy filter-output { type filter hook output priority -110 ; }
            add chain ip kube-proxy filter-output-post-dnat { type filter hook output priority -90 ; }
            add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }
            add chain ip kube-proxy nat-output { type nat hook output priority -100 ; }
            add chain ip kube-proxy nat-postrouting { type nat hook postrouting priority 100 ; }
            add chain ip kube-proxy services
            add chain ip kube-proxy service-endpoints-check
            add chain ip kube-proxy nodeport-endpoints-check
            add chain ip kube-proxy firewall-check
            add chain ip kube-proxy cluster-ips-check
            add chain ip kube-proxy reject-chain
            add chain ip kube-proxy mark-for-masquerade
            add chain ip kube-proxy masquerading
            add set ip kube-proxy cluster-ips { type ipv4_addr ; }
            add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; }
            add map ip kube-proxy service-nodeports { type inet_proto . inet_service : verdict ; }
            add map ip kube-proxy no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; }
            add map ip kube-proxy no-endpoint-nodeports { type inet_proto . inet_service : verdict ; }
            add map ip kube-proxy firewall-ips { type ipv4_addr . inet_proto . inet_service : verdict ; }
            add rule ip kube-proxy filter-prerouting ct state new jump firewall-check
            add rule ip kube-proxy filter-input ct state new jump nodeport-endpoints-check
            add rule ip kube-proxy filter-input ct state new jump service-endpoints-check
            add rule ip kube-proxy filter-forward ct state new jump service-endpoints-check
            add rule ip kube-proxy filter-forward ct state new jump cluster-ips-check
            add rule ip kube-proxy filter-output ct state new jump service-endpoints-check
            add rule ip kube-proxy filter-output ct state new jump firewall-check
            add rule ip kube-proxy filter-output-post-dnat ct state new jump cluster-ips-check
            add rule ip kube-proxy nat-prerouting jump services
            add rule ip kube-proxy nat-output jump services
            add rule ip kube-proxy nat-postrouting jump masquerading
            add rule ip kube-proxy mark-for-masquerade mark set mark or 0x4000
            add rule ip kube-proxy masquerading mark and 0x4000 == 0 return
            add rule ip kube-proxy masquerading mark set mark xor 0x4000
            add rule ip kube-proxy masquerading masquerade fully-random
            add rule ip kube-proxy reject-chain reject
            add rule ip kube-proxy cluster-ips-check ip daddr @cluster-ips reject
            add rule ip kube-proxy cluster-ips-check ip daddr { 10.96.0.0/12 } drop
            add rule ip kube-proxy service-endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services
            add rule ip kube-proxy nodeport-endpoints-check fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports
            add rule ip kube-proxy firewall-check ip daddr . meta l4proto . th dport vmap @firewall-ips
            add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips
            add rule ip kube-proxy services fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports
            add chain ip kube-proxy service-VXJ23XYT-bench/svc-00000/tcp/
            add chain ip kube-proxy endpoint-2AT66V6C-bench/svc-00000/tcp/__10.0.0.1/8080
            add rule ip kube-proxy endpoint-2AT66V6C-bench/svc-00000/tcp/__10.0.0.1/8080 ip saddr 10.0.0.1 jump mark-for-masquerade
            add rule ip kube-proxy endpoint-2AT66V6C-bench/svc-00000/tcp/__10.0.0.1/8080 meta l4proto tcp dnat to 10.0.0.1:8080
            add chain ip kube-proxy endpoint-AOYNNICS-bench/svc-00000/tcp/__10.0.0.2/8080
            add rule ip kube-proxy endpoint-AOYNNICS-bench/svc-00000/tcp/__10.0.0.2/8080 ip saddr 10.0.0.2 jump mark-for-masquerade
            add rule ip kube-proxy endpoint-AOYNNICS-bench/svc-00000/tcp/__10.0.0.2/8080 meta l4proto tcp dnat to 10.0.0.2:8080
            add rule ip kube-proxy service-VXJ23XYT-bench/svc-00000/tcp/ ip daddr 10.96.0.1 tcp dport 80 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
            add rule ip kube-proxy service-VXJ23XYT-bench/svc-00000/tcp/ numgen random mod 2 vmap { 0 : goto endpoint-2AT66V6C-bench/svc-00000/tcp/__10.0.0.1/8080, 1 : goto endpoint-AOYNNICS-bench/svc-00000/tcp/__10.0.0.2/8080 }
            add element ip kube-proxy cluster-ips { 10.96.0.1 }
            add element ip kube-proxy service-ips { 10.96.0.1 . tcp . 80 : goto service-VXJ23XYT-bench/svc-00000/tcp/ }
            add chain ip kube-proxy service-DCVDQ442-bench/svc-00001/tcp/
            add chain ip kube-proxy endpoint-VUJPMSFS-bench/svc-00001/tcp/__10.0.0.3/8080
            add rule ip kube-proxy endpoint-VUJPMSFS-bench/svc-00001/tcp/__10.0.0.3/8080 ip saddr 10.0.0.3 jump mark-for-masquerade
            add rule ip kube-proxy endpoint-VUJPMSFS-bench/svc-00001/tcp/__10.0.0.3/8080 meta l4proto tcp dnat to 10.0.0.3:8080
            add chain ip kube-proxy endpoint-Y4XLFCM6-bench/svc-00001/tcp/__10.0.0.4/8080
            add rule ip kube-proxy endpoint-Y4XLFCM6-bench/svc-00001/tcp/__10.0.0.4/8080 ip saddr 10.0.0.4 jump mark-for-masquerade
            add rule ip kube-proxy endpoint-Y4XLFCM6-bench/svc-00001/tcp/__10.0.0.4/8080 meta l4proto tcp dnat to 10.0.0.4:8080
            add rule ip kube-proxy service-DCVDQ442-bench/svc-00001/tcp/ ip daddr 10.96.0.2 tcp dport 80 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
            add rule ip kube-proxy service-DCVDQ442-bench/svc-00001/tcp/ numgen random mod 2 vmap { 0 : goto endpoint-VUJPMSFS-bench/svc-00001/tcp/__10.0.0.3/8080, 1 : goto endpoint-Y4XLFCM6-bench/svc-00001/tcp/__10.0.0.4/8080 }
            add element ip kube-proxy cluster-ips { 10.96.0.2 }
            add element ip kube-proxy service-ips { 10.96.0.2 . tcp . 80 : goto service-DCVDQ442-bench/svc-00001/tcp/ }
            """;

    @Test
    void kubeProxyLayoutOfTwoServicesWithTwoEndpointsMatchesTheGoldenText() throws Exception {
        StringBuilder sb = new StringBuilder();
        KubeProxyLayout.Counts counts = KubeProxyLayout.write(new SyntheticCluster(2, 2), sb);

        assertThat(sb.toString()).isEqualTo(KUBE_PROXY_2X2);
        // 8 base + 8 static chains, and per service 1 + 2; 23 static rules, and per service 2 + 2 x 2.
        assertThat(counts).isEqualTo(new KubeProxyLayout.Counts(22, 35, 4, KUBE_PROXY_2X2.lines().count(),
                KUBE_PROXY_2X2.length()));
    }

    @Test
    void kubeProxyLayoutIsWellFormedAtAnySize() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {3, 1}, {7, 5}, {40, 3}}) {
            StringBuilder sb = new StringBuilder();
            KubeProxyLayout.Counts counts = KubeProxyLayout.write(new SyntheticCluster(size[0], size[1]), sb);
            assertWellFormed(sb.toString());
            assertThat(counts.chains()).isEqualTo(16 + (long) size[0] * (1 + size[1]));
            assertThat(counts.rules()).isEqualTo(23 + (long) size[0] * (2 + 2L * size[1]));
            assertThat(counts.elements()).isEqualTo(2L * size[0]);
        }
        StringBuilder one = new StringBuilder();
        KubeProxyLayout.write(new SyntheticCluster(1, 1), one);
        assertThat(one.toString()).doesNotContain("numgen")
                .contains("service-VXJ23XYT-bench/svc-00000/tcp/ goto endpoint-2AT66V6C-bench/svc-00000/tcp/__10.0.0.1/8080");
    }

    /**
     * Every line is one command on table {@code ip kube-proxy}; braces balance; every chain is declared once and
     * before any rule, jump, goto or element names it; every {@code @set} is declared before use.
     */
    private static void assertWellFormed(String text) {
        Pattern command = Pattern.compile("^add (table|chain|set|map|rule|element) ip kube-proxy( (\\S+))?(.*)$");
        Pattern reference = Pattern.compile("(?:jump|goto) (\\S+?)(?:,| }|$)");
        Pattern setRef = Pattern.compile("@(\\S+)");
        Set<String> chains = new HashSet<>();
        Set<String> sets = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher m = command.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(line.chars().filter(c -> c == '{').count()).as(line)
                    .isEqualTo(line.chars().filter(c -> c == '}').count());
            String verb = m.group(1);
            String name = m.group(3);
            switch (verb) {
                case "chain" -> assertThat(chains.add(name)).as("declared twice: " + line).isTrue();
                case "set", "map" -> assertThat(sets.add(name)).as("declared twice: " + line).isTrue();
                case "rule" -> assertThat(chains).as(line).contains(name);
                case "element" -> assertThat(sets).as(line).contains(name);
                default -> { }
            }
            if (verb.equals("rule") || verb.equals("element")) {
                Matcher r = reference.matcher(m.group(4));
                while (r.find()) {
                    assertThat(chains).as("reference before declaration: " + line).contains(r.group(1));
                }
                Matcher s = setRef.matcher(m.group(4));
                while (s.find()) {
                    assertThat(sets).as(line).contains(s.group(1));
                }
            }
        }
    }

    @Test
    void syntheticClusterNumbersServicesAndPodsSequentially() {
        SyntheticCluster c = new SyntheticCluster(300, 3);
        assertThat(SyntheticCluster.clusterIp(0)).isEqualTo(Ip.of("10.96.0.1"));
        assertThat(SyntheticCluster.clusterIp(299)).isEqualTo(Ip.of("10.96.1.44"));
        assertThat(SyntheticCluster.podIp(0)).isEqualTo(Ip.of("10.0.0.1"));
        assertThat(SyntheticCluster.podIp(256)).isEqualTo(Ip.of("10.0.1.1"));
        assertThat(c.service(1).key().toString()).isEqualTo("bench/svc-00001");
        assertThat(c.service(1).ports().get(0).port()).isEqualTo(80);
        assertThat(c.slice(1).ports().get(0).port()).isEqualTo(8080);
        assertThat(c.endpoints(1)).extracting(Endpoint::ip)
                .containsExactly(Ip.of("10.0.0.4"), Ip.of("10.0.0.5"), Ip.of("10.0.0.6"));
        assertThat(c.endpoints(1)).allMatch(Endpoint::usable);
        assertThat(c.endpoints(1)).extracting(Endpoint::nodeName).containsExactly("node-3", "node-0", "node-1");
        assertThat(SyntheticCluster.SERVICE_CIDR.contains(SyntheticCluster.clusterIp(SyntheticCluster.MAX_SERVICES - 1)))
                .isTrue();
        assertThatThrownBy(() -> new SyntheticCluster(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticCluster(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changesCycleThroughReplaceRemoveAndAddBack() {
        SyntheticCluster c = new SyntheticCluster(5, 4);
        Random random = new Random(7);
        Change replace = c.nextChange(random);
        assertThat(replace.kind()).isEqualTo(Kind.REPLACE);
        assertThat(replace.ip()).isEqualTo(Ip.of("10.0.0.21")); // the first fresh pod IP after 5 x 4
        assertThat(c.endpoints(replace.service())).extracting(Endpoint::ip).contains(replace.ip()).hasSize(4);

        Change remove = c.nextChange(random);
        assertThat(remove.kind()).isEqualTo(Kind.REMOVE);
        assertThat(c.endpoints(remove.service())).hasSize(3).extracting(Endpoint::ip).doesNotContain(remove.ip());

        Change back = c.nextChange(random);
        assertThat(back.kind()).isEqualTo(Kind.ADD_BACK);
        assertThat(back.service()).isEqualTo(remove.service());
        assertThat(c.endpoints(back.service())).hasSize(4).extracting(Endpoint::ip).contains(remove.ip());
        assertThat(c.nextChange(random).kind()).isEqualTo(Kind.REPLACE);
    }

    /** The bench's cold and partial syncs, against the strict fake instead of the kernel. */
    @Test
    void recorderKeepsTheColdTransactionAndChangesArePartialSyncs() throws Exception {
        SyntheticCluster cluster = new SyntheticCluster(2, 2);
        ClusterStore store = new ClusterStore(SyntheticCluster.THIS_NODE);
        cluster.feed(store);
        FakeNft fake = new FakeNft();
        RecordingNft rec = new RecordingNft(fake);
        TableRef table = new TableRef(Family.IP, Names.TABLE);
        NftProxier proxier = new NftProxier(rec, table);

        NftProxier.SyncResult cold = proxier.sync(store.takeAll(), SyntheticCluster.nodeContext());

        assertThat(cold.full()).isTrue();
        assertThat(rec.applies()).isEqualTo(1);
        assertThat(rec.lists()).isEqualTo(1);
        String text = rec.lastApplied().toString();
        assertThat(text).isEqualTo(fake.lastTransaction().toString())
                .contains("10.96.0.1 . tcp . 80 : goto select-tcp-2", "10.96.0.2 . tcp . 80 : goto select-tcp-2")
                .contains("10.96.0.1 . 80 . 0 : 10.0.0.1 . 8080", "10.96.0.2 . 80 . 1 : 10.0.0.4 . 8080");
        assertThat(fake.elements(table, "cluster-ips")).containsOnlyKeys("10.96.0.1", "10.96.0.2");

        Random random = new Random(1);
        for (int i = 0; i < 6; i++) {
            Change ch = cluster.nextChange(random);
            cluster.putSlice(store, ch.service());
            rec.reset();
            NftProxier.SyncResult r = proxier.sync(store.takeChanges(), SyntheticCluster.nodeContext());
            assertThat(r.full()).isFalse();
            assertThat(r.servicesCompiled()).isEqualTo(1);
            assertThat(rec.applies()).isEqualTo(1);
            assertThat(rec.lists()).isZero();
        }
        Map<String, String> backends = fake.elements(table, "backends-tcp-2");
        for (int s = 0; s < 2; s++) {
            List<Endpoint> eps = cluster.endpoints(s).stream().sorted((a, b) -> a.ip().compareTo(b.ip())).toList();
            for (int k = 0; k < eps.size(); k++) {
                assertThat(backends).containsEntry(SyntheticCluster.clusterIp(s) + " . 80 . " + k, eps.get(k).ip() + " . 8080");
            }
        }
    }

    @Test
    void samplesJsonAndDurations() {
        ProxyBench.Samples s = new ProxyBench.Samples(new double[] {5, 1, 4, 2, 3});
        assertThat(s.p(50)).isEqualTo(3);
        assertThat(s.p(99)).isEqualTo(5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(3);
        double[] hundred = new double[200];
        for (int i = 0; i < 200; i++) {
            hundred[i] = i + 1;
        }
        assertThat(new ProxyBench.Samples(hundred).p(99)).isEqualTo(198);

        assertThat(Json.write(Map.of("a", List.of(1, 2.5, "x\"y"))))
                .isEqualTo("{\n  \"a\": [1, 2.500, \"x\\\"y\"]\n}\n");
        assertThat(Json.write(Map.of("nan", Double.NaN, "t", true))).contains("\"nan\": null").contains("\"t\": true");

        assertThat(ProxyBench.parseDuration("f", "600")).isEqualTo(Duration.ofSeconds(600));
        assertThat(ProxyBench.parseDuration("f", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ProxyBench.parseDuration("f", "1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ProxyBench.parseDuration("f", "soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProxyBench.parseDuration("f", "0")).isInstanceOf(IllegalArgumentException.class);
    }
}
