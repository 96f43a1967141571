package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static dev.junction.nft.StrictnessCases.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@Tag("unit")
class FakeNftTest {

    static List<StrictnessCases.Case> cases() {
        return StrictnessCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesLikeTheKernel(StrictnessCases.Case c) throws Exception {
        FakeNft fake = new FakeNft();
        fake.apply(StrictnessCases.setup());
        String before = fake.dump(T);
        Transaction tx = c.transaction();
        if (c.ok()) {
            fake.apply(tx);
        } else {
            assertThatThrownBy(() -> fake.apply(tx)).isInstanceOf(NftException.class);
            assertThat(fake.dump(T)).as("a refused batch changes nothing").isEqualTo(before);
            assertThat(fake.transactions()).isEqualTo(1);
        }
        assertThat(fake.lastTransaction()).isSameAs(tx);
        assertThat(fake.attempts()).isEqualTo(2);
    }

    @Test
    void dumpIsCanonicalSortedAndReplayable() throws Exception {
        FakeNft fake = new FakeNft();
        fake.apply(StrictnessCases.setup()
                .addElement("s6", "FD00:0:0::2")
                .addElement("m", "10.0.0.2 . 17 . 53", "jump  b")
                .addRule("a", "numgen random mod 2 vmap { 0 : goto b, 1 : goto withrule }"));
        String dump = fake.dump(T);
        assertThat(dump).isEqualTo("""
                add table ip jtest
                add chain ip jtest a
                add chain ip jtest b
                add chain ip jtest nat-prerouting { type nat hook prerouting priority -100 ; policy accept ; }
                add chain ip jtest withrule
                add set ip jtest dt { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }
                add set ip jtest iv { type ipv4_addr ; flags interval ; }
                add map ip jtest m { type ipv4_addr . inet_proto . inet_service : verdict ; }
                add set ip jtest pv { type inet_service ; flags interval ; }
                add set ip jtest s { type ipv4_addr ; }
                add set ip jtest s6 { type ipv6_addr ; }
                add rule ip jtest a numgen random mod 2 vmap { 0 : goto b, 1 : goto withrule }
                add rule ip jtest nat-prerouting ip daddr . meta l4proto . th dport vmap @m
                add rule ip jtest withrule counter
                add element ip jtest iv { 10.0.0.0/8 }
                add element ip jtest iv { 192.168.0.0/16 }
                add element ip jtest m { 10.0.0.1 . tcp . 80 : goto a }
                add element ip jtest m { 10.0.0.2 . udp . 53 : jump b }
                add element ip jtest pv { 80-90 }
                add element ip jtest s { 1.1.1.1 }
                add element ip jtest s6 { fd00::1 }
                add element ip jtest s6 { fd00::2 }
                """);
        // FakeVsKernelTest feeds this text to the kernel and compares the listing.
    }

    @Test
    void accessorsAndListAgree() throws Exception {
        FakeNft fake = new FakeNft();
        fake.apply(StrictnessCases.setup());
        assertThat(fake.rules(T, "withrule")).containsExactly("counter");
        assertThat(fake.rules(T, "zz")).isEmpty();
        assertThat(fake.elements(T, "m")).containsExactly(entry("10.0.0.1 . tcp . 80", "goto a"));
        assertThat(fake.elements(T, "s")).containsExactly(entry("1.1.1.1", ""));
        assertThat(fake.chains(T)).containsExactly("a", "b", "nat-prerouting", "withrule");
        TableState state = fake.list(T).orElseThrow();
        assertThat(state.chains()).containsExactlyInAnyOrder("a", "b", "nat-prerouting", "withrule");
        assertThat(state.sets()).containsEntry("iv", Map.of("10.0.0.0/8", "", "192.168.0.0/16", ""));
        assertThat(fake.list(StrictnessCases.MISSING)).isEmpty();
    }

    @Test
    void injectedFailureChangesNothingAndIsUsedOnce() throws Exception {
        FakeNft fake = new FakeNft();
        fake.failNext("netlink: Error: Could not process rule: Cannot allocate memory");
        assertThatThrownBy(() -> fake.apply(StrictnessCases.setup()))
                .isInstanceOf(NftException.class)
                .hasMessageContaining("Cannot allocate memory");
        assertThat(fake.hasTable(T)).isFalse();
        fake.apply(StrictnessCases.setup());
        assertThat(fake.hasTable(T)).isTrue();
        assertThat(fake.transactions()).isEqualTo(1);
        assertThat(fake.attempts()).isEqualTo(2);
    }

    @Test
    void refusalCarriesTheInputAndTheFailingCommand() throws Exception {
        FakeNft fake = new FakeNft();
        fake.apply(StrictnessCases.setup());
        Transaction tx = new Transaction(T).addChain("c").addRule("c", "jump zz");
        assertThatThrownBy(() -> fake.apply(tx))
                .isInstanceOfSatisfying(NftException.class, e -> {
                    assertThat(e.input()).isEqualTo(tx.toString());
                    assertThat(e.errorOutput()).contains("No such file or directory")
                            .contains("add rule ip jtest c jump zz");
                });
        assertThat(fake.chains(T)).doesNotContain("c");
    }

    @Test
    void strictModeRefusesDeletingAChainWithRules() throws Exception {
        FakeNft fake = new FakeNft().strictChainDelete(true);
        fake.apply(StrictnessCases.setup());
        assertThatThrownBy(() -> fake.apply(new Transaction(T).deleteChain("withrule")))
                .isInstanceOf(NftException.class);
        fake.apply(new Transaction(T).flushChain("withrule").deleteChain("withrule"));
        assertThat(fake.chains(T)).doesNotContain("withrule");
    }

    @Test
    void tablesAreIndependent() throws Exception {
        FakeNft fake = new FakeNft();
        fake.apply(StrictnessCases.setup());
        TableRef other = new TableRef(Family.IP6, "jtest");
        fake.apply(new Transaction(other).addTable().addChain("x"));
        fake.apply(new Transaction(T).deleteTable());
        assertThat(fake.hasTable(T)).isFalse();
        assertThat(fake.chains(other)).containsExactly("x");
        assertThat(fake.dump(T)).isEmpty();
    }
}
