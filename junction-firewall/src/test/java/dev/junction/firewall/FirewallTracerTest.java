package dev.junction.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.firewall.FirewallTracer.Hook;
import dev.junction.firewall.FirewallTracer.Packet;
import dev.junction.firewall.FirewallTracer.Result;
import dev.junction.firewall.FirewallTracer.Verdict;
import dev.junction.nft.Family;
import dev.junction.nft.FakeNft;
import dev.junction.nft.TableRef;
import dev.junction.nft.Transaction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tracer on hand-written tables: what it matches, how it follows chains, and that it refuses what it does not know. */
@Tag("unit")
class FirewallTracerTest {
    private static final TableRef V4 = new TableRef(Family.IP, "t");
    private static final TableRef V6 = new TableRef(Family.IP6, "t");

    private static FirewallTracer table(TableRef ref, Consumer<Transaction> body) throws Exception {
        FakeNft nft = new FakeNft();
        Transaction tx = new Transaction(ref).addTable().addBaseChain("forward", "filter", "forward", 0)
                .addBaseChain("input", "filter", "input", 0);
        body.accept(tx);
        nft.apply(tx);
        return new FirewallTracer(nft, ref);
    }

    private static Verdict v(FirewallTracer t, String src, String dst, String proto, int port) {
        return t.trace(Packet.of(src, dst, proto, port, Hook.FORWARD)).verdict();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"10.0.0.0, ACCEPT", "10.0.0.9, ACCEPT", "10.0.0.10, DROP", "10.0.1.0, ACCEPT", "10.0.1.255, ACCEPT",
            "10.0.2.0, DROP", "10.0.3.7, ACCEPT", "9.255.255.255, DROP"})
    void intervalSetsMatchRangesPrefixesAndSingleAddresses(String src, Verdict expected) throws Exception {
        FirewallTracer t = table(V4, tx -> tx.addSet("block", "ipv4_addr", "interval", 0)
                .addElement("block", "10.0.0.0-10.0.0.9").addElement("block", "10.0.1.0/24").addElement("block", "10.0.3.7")
                .addRule("forward", "ip saddr @block accept").addRule("forward", "drop"));
        assertThat(v(t, src, "10.9.9.9", "tcp", 80)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
    @CsvSource({"10.0.0.1, tcp, 80, ACCEPT", "10.0.0.1, udp, 80, DROP", "10.0.0.1, tcp, 81, DROP",
            "10.0.0.2, tcp, 80, DROP", "10.0.0.2, udp, 53, ACCEPT"})
    void concatenatedSetsMatchEveryPart(String dst, String proto, int port, Verdict expected) throws Exception {
        FirewallTracer t = table(V4, tx -> tx.addSet("named", "ipv4_addr . inet_proto . inet_service", null, 0)
                .addElement("named", "10.0.0.1 . tcp . 80").addElement("named", "10.0.0.2 . udp . 53")
                .addRule("forward", "ip daddr . meta l4proto . th dport @named accept").addRule("forward", "drop"));
        assertThat(v(t, "10.9.9.9", dst, proto, port)).isEqualTo(expected);
    }

    @Test
    void followsVerdictMapsJumpsReturnsAndNoOpStatements() throws Exception {
        FirewallTracer t = table(V4, tx -> tx.addChain("pod").addMap("dispatch", "ipv4_addr", "verdict")
                .addElement("dispatch", "10.0.0.1", "jump pod")
                .addRule("pod", "tcp dport 80-81 return comment \"web ports\"")
                .addRule("pod", "limit rate 10/second burst 20 packets log prefix \"drop pod: \" group 100")
                .addRule("pod", "drop")
                .addRule("forward", "ct state established,related accept")
                .addRule("forward", "ip saddr vmap @dispatch")
                .addRule("forward", "meta l4proto udp drop"));
        Result back = t.trace(Packet.of("10.0.0.1", "10.0.0.9", "tcp", 81, Hook.FORWARD));
        assertThat(back.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(back.trace()).anyMatch(l -> l.contains("comment \"web ports\"")).anyMatch(l -> l.contains("policy accept"));
        Result dropped = t.trace(Packet.of("10.0.0.1", "10.0.0.9", "tcp", 82, Hook.FORWARD));
        assertThat(dropped.verdict()).isEqualTo(Verdict.DROP);
        assertThat(dropped.trace()).anyMatch(l -> l.contains("log prefix")).last().asString().endsWith("pod[2]: drop");
        assertThat(v(t, "10.0.0.3", "10.0.0.9", "udp", 53)).as("no map element: next rule").isEqualTo(Verdict.DROP);
        assertThat(v(t, "10.0.0.3", "10.0.0.9", "tcp", 53)).isEqualTo(Verdict.ACCEPT);
        assertThat(t.trace(new Packet("10.0.0.1", "10.0.0.9", "udp", 1, Hook.FORWARD, "eth0", "established")).verdict())
                .isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void negatedLookupsLiteralsInterfacesAndHooks() throws Exception {
        FirewallTracer t = table(V6, tx -> tx.addSet("cidrs", "ipv6_addr", "interval", 0).addSet("known", "ipv6_addr", null, 0)
                .addElement("cidrs", "fd00:10::/64").addElement("known", "fd00:10::1")
                .addRule("input", "meta iif lo accept")
                .addRule("input", "ip6 saddr @cidrs ip6 saddr != @known drop")
                .addRule("input", "ip6 saddr fd00:10::1 udp dport 53 drop"));
        assertThat(t.trace(Packet.of("fd00:10::2", "fd00::1", "tcp", 22, Hook.INPUT)).verdict()).isEqualTo(Verdict.DROP);
        assertThat(t.trace(Packet.of("fd00:10::2", "fd00::1", "tcp", 22, Hook.INPUT).via("lo")).verdict())
                .isEqualTo(Verdict.ACCEPT);
        assertThat(t.trace(Packet.of("fd00:10:0:0::1", "fd00::1", "tcp", 22, Hook.INPUT)).verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(t.trace(Packet.of("fd00:10::1", "fd00::1", "udp", 53, Hook.INPUT)).verdict()).isEqualTo(Verdict.DROP);
        assertThat(t.trace(Packet.of("fd00:11::2", "fd00::1", "tcp", 22, Hook.INPUT)).verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(t.trace(Packet.of("fd00:10::2", "fd00::1", "tcp", 22, Hook.FORWARD)).verdict())
                .as("input rules do not apply in forward").isEqualTo(Verdict.ACCEPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"counter accept", "ip saddr { 10.0.0.1, 10.0.0.2 } accept", "goto other", "tcp sport 80 accept",
            "ip protocol tcp accept", "meta l4proto { tcp, udp } accept", "ct state new,bogus accept", "accept drop",
            "ip6 saddr ::1 accept", "ip saddr @named accept", "ip daddr vmap @cmap",
            "log prefix \"x\" ip saddr 10.0.0.1 drop", "ip saddr . meta l4proto . th dport @named accept",
            "reject", "ip daddr 10.0.0.1 accept comment \"a\" drop", "th dport 80 accept", "limit rate fast drop"})
    void failsLoudlyOnAnyOtherShape(String rule) {
        assertThatThrownBy(() -> table(V4, tx -> tx.addChain("other")
                .addSet("named", "ipv4_addr . inet_proto . inet_service", null, 0).addSet("plain", "ipv4_addr", null, 0)
                .addMap("cmap", "ipv4_addr . inet_service", "verdict")
                .addRule("forward", rule).addRule("forward", "accept")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not know").hasMessageContaining(rule);
    }
}
