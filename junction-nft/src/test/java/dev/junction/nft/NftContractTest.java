package dev.junction.nft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;

import static dev.junction.nft.StrictnessCases.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The {@link Nft} contract against the kernel, in a throw-away namespace per test. Subclasses say how to get
 * an implementation that talks to that namespace.
 */
@ExtendWith(TestNetns.Extension.class)
abstract class NftContractTest {

    interface Body {
        void run(Nft nft) throws Exception;
    }

    /** Runs the body with an implementation bound to the namespace. */
    abstract void withNft(TestNetns ns, Body body) throws Exception;

    static final String EP2 = "endpoint-6OJB2KTY-ns1/svc1/tcp/p80__10.180.0.2/80";

    /** A service-proxy-shaped table: nat base chain, verdict map, per-service and per-endpoint chains. */
    static Transaction proxyLike() {
        String svc = "service-ULMVA6XW-ns1/svc1/tcp/p80";
        String ep1 = "endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80";
        String ep2 = EP2;
        return new Transaction(T)
                .addTable()
                .addBaseChain("nat-prerouting", "nat", "prerouting", -100)
                .addChain("services")
                .addChain(svc).addChain(ep1).addChain(ep2)
                .addMap("service-ips", "ipv4_addr . inet_proto . inet_service", "verdict")
                .addSet("cluster-cidrs", "ipv4_addr", "interval", 0)
                .addSet("affinity", "ipv4_addr", "dynamic,timeout", 10800)
                .addRule("nat-prerouting", "jump services")
                .addRule("services", "ip daddr . meta l4proto . th dport vmap @service-ips")
                .addRule(svc, "numgen random mod 2 vmap { 0 : goto " + ep1 + ", 1 : goto " + ep2 + " }")
                .addRule(ep1, "ip saddr 10.180.0.1 update @affinity { ip saddr } meta l4proto tcp dnat to 10.180.0.1:80")
                .addRule(ep2, "meta l4proto tcp dnat to 10.180.0.2:80")
                .addElement("service-ips", "10.96.0.1 . tcp . 80", "goto " + svc)
                .addElement("service-ips", "10.96.0.10 . 17 . 53", "drop")
                .addElement("cluster-cidrs", "10.0.0.0/8")
                .addElement("cluster-cidrs", "192.168.1.1/32");
    }

    @Test
    void applyThenListRoundTrip(TestNetns ns) throws Exception {
        withNft(ns, nft -> {
            nft.apply(proxyLike());
            TableState s = nft.list(T).orElseThrow();
            assertThat(s.chains()).containsExactlyInAnyOrder("nat-prerouting", "services",
                    "service-ULMVA6XW-ns1/svc1/tcp/p80", "endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
                    "endpoint-6OJB2KTY-ns1/svc1/tcp/p80__10.180.0.2/80");
            assertThat(s.sets()).containsOnlyKeys("service-ips", "cluster-cidrs", "affinity");
            assertThat(s.sets().get("service-ips")).containsOnly(
                    entry("10.96.0.1 . tcp . 80", "goto service-ULMVA6XW-ns1/svc1/tcp/p80"),
                    entry("10.96.0.10 . udp . 53", "drop"));
            assertThat(s.sets().get("cluster-cidrs")).isEqualTo(Map.of("10.0.0.0/8", "", "192.168.1.1", ""));
            assertThat(s.sets().get("affinity")).isEmpty();
            // The fake lists the very same state for the same batch.
            FakeNft fake = new FakeNft();
            fake.apply(proxyLike());
            assertThat(fake.list(T)).contains(s);
        });
    }

    @Test
    void incrementalUpdatesAndListAfterListStillApplyText(TestNetns ns) throws Exception {
        withNft(ns, nft -> {
            nft.apply(proxyLike());
            nft.list(T); // JSON output on and off again: the next apply must still be parsed as text
            nft.apply(new Transaction(T)
                    .deleteElement("service-ips", "10.96.0.10 . udp . 53")
                    .addElement("service-ips", "10.96.0.10 . udp . 53", "accept")
                    .addElement("service-ips", "10.96.0.11 . tcp . 443", "goto " + EP2));
            assertThat(nft.list(T).orElseThrow().sets().get("service-ips")).containsOnly(
                    entry("10.96.0.1 . tcp . 80", "goto service-ULMVA6XW-ns1/svc1/tcp/p80"),
                    entry("10.96.0.10 . udp . 53", "accept"),
                    entry("10.96.0.11 . tcp . 443", "goto " + EP2));
        });
    }

    @Test
    void listOfAMissingTableIsEmpty(TestNetns ns) throws Exception {
        withNft(ns, nft -> assertThat(nft.list(T)).isEmpty());
    }

    @Test
    void badBatchLeavesNothingApplied(TestNetns ns) throws Exception {
        withNft(ns, nft -> {
            Transaction bad = new Transaction(T).addTable().addChain("c").addRule("c", "goto nowhere");
            assertThatThrownBy(() -> nft.apply(bad)).isInstanceOfSatisfying(NftException.class, e -> {
                assertThat(e.input()).isEqualTo(bad.toString());
                assertThat(e.errorOutput()).contains("No such file or directory");
            });
            assertThat(nft.list(T)).as("not even the table was created").isEmpty();

            nft.apply(proxyLike());
            TableState before = nft.list(T).orElseThrow();
            Transaction bad2 = new Transaction(T)
                    .flushMap("service-ips")
                    .addChain("new")
                    .addElement("cluster-cidrs", "172.16.0.0/12")
                    .deleteChain("services"); // still referenced: EBUSY
            assertThatThrownBy(() -> nft.apply(bad2)).isInstanceOf(NftException.class)
                    .hasMessageContaining("Device or resource busy");
            assertThat(nft.list(T)).contains(before);
        });
    }

    @Test
    void foreignTablesAreNeverTouchedNorListed(TestNetns ns) throws Exception {
        ns.nft("add", "table", "ip", "foreign");
        ns.nft("add", "chain", "ip", "foreign", "fc");
        ns.nft("add", "set", "ip", "foreign", "fs", "{ type ipv4_addr ; }");
        ns.nft("add", "element", "ip", "foreign", "fs", "{ 9.9.9.9 }");
        ns.nft("add", "table", "inet", "jtest"); // same name, other family
        ns.nft("add", "chain", "inet", "jtest", "other-family");
        String foreignBefore = ns.nft("list", "table", "ip", "foreign");
        String inetBefore = ns.nft("list", "table", "inet", "jtest");
        withNft(ns, nft -> {
            nft.apply(proxyLike());
            TableState s = nft.list(T).orElseThrow();
            assertThat(s.chains()).doesNotContain("fc", "other-family");
            assertThat(s.sets()).doesNotContainKey("fs");
            nft.apply(new Transaction(T).deleteTable());
            assertThat(nft.list(T)).isEmpty();
        });
        assertThat(ns.nft("list", "table", "ip", "foreign")).isEqualTo(foreignBefore);
        assertThat(ns.nft("list", "table", "inet", "jtest")).isEqualTo(inetBefore);
    }

    @Test
    void fakeDumpReplaysToTheSameKernelState(TestNetns ns) throws Exception {
        FakeNft fake = new FakeNft();
        fake.apply(proxyLike());
        fake.apply(StrictnessCases.setup().addElement("s6", "2001:DB8:0:0:1::1"));
        withNft(ns, nft -> {
            // Replay the dump through the implementation under test as one batch of raw text.
            Transaction replay = new Transaction(T);
            String dump = fake.dump(T);
            nft.apply(replay.addTable()); // make sure the table exists; the dump re-adds it harmlessly
            replayText(ns, dump);
            assertThat(nft.list(T)).isEqualTo(fake.list(T));
            assertThat(nft.list(T).orElseThrow().chains()).isEqualTo(Set.copyOf(fake.chains(T)));
        });
    }

    /** Feeds raw nft text into the namespace with the nft binary (an independent path). */
    static void replayText(TestNetns ns, String text) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("jt-dump", ".nft");
        try {
            java.nio.file.Files.writeString(f, text);
            ns.nft("-f", f.toString());
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
