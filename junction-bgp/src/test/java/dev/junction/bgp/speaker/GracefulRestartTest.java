package dev.junction.bgp.speaker;

import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.Update;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.junction.bgp.speaker.EngineHarness.announce;
import static dev.junction.bgp.speaker.EngineHarness.announced;
import static dev.junction.bgp.speaker.EngineHarness.endOfRibs;
import static dev.junction.bgp.speaker.EngineHarness.gr;
import static dev.junction.bgp.speaker.EngineHarness.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful restart on virtual time (RFC 4724 §4.1–4.2, RFC 8538): "e" restarts while we help, or we restart and
 * defer selection. "x" is an internal peer watching what reaches it.
 */
@Tag("unit")
class GracefulRestartTest {
    private static final long[] FROM_E = {65001};
    private static final Prefix P1 = Prefix.parse("10.9.0.0/16");
    private static final Prefix P2 = Prefix.parse("10.10.0.0/16");

    private static EngineHarness helperWithRoutes() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DEFAULT));
        h.up("x", null);
        h.up("e", gr(false, true, 120));
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16", "10.10.0.0/16"));
        h.take("x");
        return h;
    }

    @Test
    void helperKeepsStaleRoutesAndFlushesWhatEndOfRibDidNotRefresh() {
        EngineHarness h = helperWithRoutes();
        h.down("e", null);
        assertThat(h.take("x")).isEmpty(); // nothing withdrawn: forwarding continues
        assertThat(h.hasRoute("10.9.0.0/16")).isTrue();
        h.time.advanceSeconds(60);
        h.up("e", gr(true, true, 120));
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16"));
        assertThat(h.take("x")).isEmpty(); // same route again: no change on the wire
        h.receive("e", Update.endOfRib(dev.junction.bgp.wire.AfiSafi.IPV4_UNICAST));
        assertThat(withdrawn(h.take("x"))).containsExactly(P2);
        assertThat(h.hasRoute("10.9.0.0/16")).isTrue();
        assertThat(h.engine.restart().staleFamilies("e")).isEmpty();
    }

    @Test
    void staleRoutesGoWhenThePeerDoesNotReturnWithinItsRestartTime() {
        EngineHarness h = helperWithRoutes();
        h.down("e", null);
        h.time.advanceSeconds(119);
        assertThat(h.take("x")).isEmpty();
        h.time.advanceSeconds(1);
        assertThat(withdrawn(h.take("x"))).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void withoutTheForwardingStateBitStaleRoutesGoAtOnce() {
        EngineHarness h = helperWithRoutes();
        h.down("e", null);
        h.up("e", gr(true, false, 120));
        assertThat(withdrawn(h.take("x"))).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void aPeerBackWithoutTheCapabilityLosesItsStaleRoutes() {
        EngineHarness h = helperWithRoutes();
        h.down("e", null);
        h.up("e", null);
        assertThat(withdrawn(h.take("x"))).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void theStalePathTimerBoundsAPeerThatNeverSendsEndOfRib() {
        EngineHarness h = helperWithRoutes();
        h.down("e", null);
        h.up("e", gr(true, true, 120));
        h.time.advance(Duration.ofSeconds(359));
        assertThat(h.take("x")).isEmpty();
        h.time.advance(Duration.ofSeconds(1));
        assertThat(withdrawn(h.take("x"))).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void hardResetMeansNoRetention() {
        EngineHarness h = helperWithRoutes();
        h.down("e", Notification.hardReset(new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN)));
        assertThat(withdrawn(h.take("x"))).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void aNotificationOtherThanHardResetKeepsRoutesWithTheNBit() {
        EngineHarness h = helperWithRoutes();
        h.down("e", new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0));
        assertThat(h.take("x")).isEmpty(); // both sides set N (RFC 8538 §4)
    }

    @Test
    void withGracefulRestartDisabledWeAreNoHelper() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("x", null);
        h.up("e", gr(false, true, 120));
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16"));
        h.take("x");
        h.down("e", null);
        assertThat(withdrawn(h.take("x"))).containsExactly(P1);
    }

    @Test
    void restartingSpeakerSetsTheRBitAndDefersUntilEveryEndOfRib() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DEFAULT.asRestart(), "10.244.1.0/24"));
        List<Prefix> bestChanges = new ArrayList<>();
        h.engine.rib().locRib().subscribe((p, o, n) -> bestChanges.add(p));
        assertThat(h.engine.deferring()).isTrue();
        PeerConfig x = h.config.peers().getFirst();
        assertThat(Capabilities.forPeer(h.config, x, true)).anySatisfy(c ->
                assertThat(c).isInstanceOfSatisfying(Capability.GracefulRestart.class, g -> assertThat(g.restartState()).isTrue()));

        h.up("x", gr(false, true, 120)); // a helper: we wait for its End-of-RIB
        h.up("y", null); // no capability: not waited for
        h.up("e", gr(true, true, 120)); // restarting itself: not waited for
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16"));
        assertThat(h.sent).isEmpty(); // nothing at all goes out while deferring, not even End-of-RIB
        assertThat(bestChanges).isEmpty();

        h.receive("x", Update.endOfRib(dev.junction.bgp.wire.AfiSafi.IPV4_UNICAST));
        assertThat(h.engine.deferring()).isFalse();
        assertThat(bestChanges).containsExactlyInAnyOrder(Prefix.parse("10.244.1.0/24"), P1);
        List<Update> toX = h.take("x");
        assertThat(announced(toX)).containsExactlyInAnyOrder(Prefix.parse("10.244.1.0/24"), P1);
        assertThat(toX.getLast().endOfRib()).isPresent();
        assertThat(endOfRibs(h.take("y"))).isEqualTo(1);
    }

    @Test
    void theSelectionDeferralTimerEndsDeferralWhenAPeerStaysSilent() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DEFAULT.asRestart(), "10.244.1.0/24"));
        h.up("x", gr(false, true, 120));
        h.time.advance(Duration.ofSeconds(359));
        assertThat(h.sent).isEmpty();
        h.time.advance(Duration.ofSeconds(1));
        assertThat(h.engine.deferring()).isFalse();
        assertThat(announced(h.take("x"))).containsExactly(Prefix.parse("10.244.1.0/24"));
    }
}
