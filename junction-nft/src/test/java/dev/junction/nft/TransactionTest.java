package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class TransactionTest {
    private static final TableRef T = new TableRef(Family.IP, "junction");

    @Test
    void rendersEveryOperationAsOneNftLine() {
        Transaction tx = new Transaction(T)
                .addTable()
                .addBaseChain("services", "nat", "prerouting", -100)
                .addChain("service-ULMVA6XW-ns1/svc1/tcp/p80")
                .addMap("service-ips", "ipv4_addr . inet_proto . inet_service", "verdict")
                .addSet("cidrs", "ipv4_addr", "interval", 0)
                .addSet("affinity", "ipv4_addr", "dynamic,timeout", 10800)
                .addRule("services", "ip daddr . meta l4proto . th dport vmap @service-ips")
                .addElement("service-ips", "10.96.0.1 . tcp . 80", "goto service-ULMVA6XW-ns1/svc1/tcp/p80")
                .addElement("cidrs", "10.0.0.0/8")
                .flushChain("services")
                .flushSet("cidrs")
                .flushMap("service-ips")
                .deleteElement("cidrs", "10.0.0.0/8")
                .deleteChain("service-ULMVA6XW-ns1/svc1/tcp/p80")
                .deleteSet("cidrs")
                .deleteTable();
        assertThat(tx.toString()).isEqualTo("""
                add table ip junction
                add chain ip junction services { type nat hook prerouting priority -100 ; policy accept ; }
                add chain ip junction service-ULMVA6XW-ns1/svc1/tcp/p80
                add map ip junction service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; }
                add set ip junction cidrs { type ipv4_addr ; flags interval ; }
                add set ip junction affinity { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }
                add rule ip junction services ip daddr . meta l4proto . th dport vmap @service-ips
                add element ip junction service-ips { 10.96.0.1 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }
                add element ip junction cidrs { 10.0.0.0/8 }
                flush chain ip junction services
                flush set ip junction cidrs
                flush map ip junction service-ips
                delete element ip junction cidrs { 10.0.0.0/8 }
                delete chain ip junction service-ULMVA6XW-ns1/svc1/tcp/p80
                delete set ip junction cidrs
                delete table ip junction
                """);
    }

    @Test
    void mergesConsecutiveElementOperationsOnOneSet() {
        Transaction tx = new Transaction(T)
                .addElement("m", "10.96.0.1 . tcp . 80", "goto a")
                .addElement("m", "10.96.0.2 . udp . 53", "drop")
                .addElement("s", "1.1.1.1")
                .addElement("s", "2.2.2.2")
                .deleteElement("s", "3.3.3.3")
                .deleteElement("s", "4.4.4.4")
                .addElement("s", "5.5.5.5")
                .addChain("x")
                .addElement("s", "6.6.6.6");
        assertThat(tx.toString()).isEqualTo("""
                add element ip junction m { 10.96.0.1 . tcp . 80 : goto a, 10.96.0.2 . udp . 53 : drop }
                add element ip junction s { 1.1.1.1, 2.2.2.2 }
                delete element ip junction s { 3.3.3.3, 4.4.4.4 }
                add element ip junction s { 5.5.5.5 }
                add chain ip junction x
                add element ip junction s { 6.6.6.6 }
                """);
        assertThat(tx.size()).isEqualTo(9);
    }

    @Test
    void splitsLongElementRunsIntoCommandsOfAThousand() {
        Transaction tx = new Transaction(T);
        for (int i = 0; i < 2500; i++) {
            tx.addElement("s", "10.0." + (i / 256) + "." + (i % 256));
        }
        String[] lines = tx.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("add element ip junction s { 10.0.0.0, 10.0.0.1, ").endsWith(" }");
        assertThat(lines[0].split(", ")).hasSize(Transaction.ELEMENTS_PER_COMMAND);
        assertThat(lines[2].split(", ")).hasSize(500);
    }

    @Test
    void emptyTransactionRendersNothing() {
        Transaction tx = new Transaction(new TableRef(Family.INET, "x"));
        assertThat(tx.isEmpty()).isTrue();
        assertThat(tx.toString()).isEmpty();
    }
}
