package dev.junction.bgp.speaker;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.ErrorAction;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.junction.bgp.speaker.EngineHarness.announce;
import static dev.junction.bgp.speaker.EngineHarness.announced;
import static dev.junction.bgp.speaker.EngineHarness.endOfRibs;
import static dev.junction.bgp.speaker.EngineHarness.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions meet the RIB (see {@link EngineHarness} for the plan): initial table, End-of-RIB, RFC 7606 actions. */
@Tag("unit")
class RoutingEngineTest {
    private static final long[] FROM_E = {65001};
    private static final long[] INTERNAL = {};

    @Test
    void theInitialTableIsFollowedByEndOfRib() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED, "10.244.1.0/24", "10.244.2.0/24"));
        h.up("x", null);
        List<Update> out = h.take("x");
        assertThat(announced(out)).containsExactlyInAnyOrder(Prefix.parse("10.244.1.0/24"), Prefix.parse("10.244.2.0/24"));
        assertThat(out).hasSize(2);
        assertThat(out.getLast().endOfRib()).contains(AfiSafi.IPV4_UNICAST);
        // Both prefixes share attributes: one UPDATE, next hop ourselves (RFC 4271 §5.1.3).
        assertThat(out.getFirst().attribute(PathAttribute.NextHop.class).orElseThrow().address()).isEqualTo(EngineHarness.ME);
    }

    @Test
    void routesFlowBetweenPeersAndAWithdrawFollows() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("x", null);
        h.up("e", null);
        h.take("x");
        h.take("e");
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16"));
        List<Update> toX = h.take("x");
        assertThat(announced(toX)).containsExactly(Prefix.parse("10.9.0.0/16"));
        assertThat(toX.getFirst().attribute(PathAttribute.LocalPref.class)).isPresent();
        h.receive("x", announce("10.0.0.1", INTERNAL, "10.8.0.0/16"));
        List<Update> toE = h.take("e");
        assertThat(toE.getFirst().attribute(PathAttribute.AsPath.class).orElseThrow().segments()).containsExactly(AsPathSegment.sequence(64512));
        assertThat(h.take("y")).isEmpty(); // y is down: nothing
        h.receive("e", EngineHarness.withdraw("10.9.0.0/16"));
        assertThat(withdrawn(h.take("x"))).containsExactly(Prefix.parse("10.9.0.0/16"));
    }

    @Test
    void sessionDownWithdrawsThePeersRoutesWithoutGracefulRestart() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DEFAULT));
        h.up("x", null); // x does not advertise graceful restart
        h.up("e", null);
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16"));
        h.take("x");
        h.down("e", null);
        assertThat(withdrawn(h.take("x"))).containsExactly(Prefix.parse("10.9.0.0/16"));
        assertThat(h.hasRoute("10.9.0.0/16")).isFalse();
    }

    @Test
    void treatAsWithdrawRemovesEveryRouteOfTheUpdate() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("e", null);
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16", "10.10.0.0/16"));
        DecodeError bad = new DecodeError(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.UPDATE_MESSAGE, ErrorCodes.MALFORMED_AS_PATH,
                null, "test", null);
        h.engine.update("e", h.epochs.get("e"), announce("192.0.2.1", FROM_E, "10.9.0.0/16"), List.of(bad));
        assertThat(h.hasRoute("10.9.0.0/16")).isFalse();
        assertThat(h.hasRoute("10.10.0.0/16")).isTrue();
    }

    @Test
    void attributeDiscardKeepsTheRoute() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("e", null);
        DecodeError discarded = new DecodeError(ErrorAction.ATTRIBUTE_DISCARD, ErrorCodes.UPDATE_MESSAGE, ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR,
                null, "LOCAL_PREF from an external peer", null);
        h.engine.update("e", h.epochs.get("e"), announce("192.0.2.1", FROM_E, "10.9.0.0/16"), List.of(discarded));
        assertThat(h.hasRoute("10.9.0.0/16")).isTrue();
    }

    @Test
    void afiSafiDisableDropsTheFamilyForTheRestOfTheSession() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("e", null);
        h.receive("e", announce("192.0.2.1", FROM_E, "10.9.0.0/16"));
        DecodeError disable = new DecodeError(ErrorAction.AFI_SAFI_DISABLE, ErrorCodes.UPDATE_MESSAGE, ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR,
                null, "bad MP_REACH_NLRI", AfiSafi.IPV4_UNICAST);
        h.engine.update("e", h.epochs.get("e"), EngineHarness.withdraw("10.99.0.0/16"), List.of(disable));
        assertThat(h.hasRoute("10.9.0.0/16")).isFalse();
        h.receive("e", announce("192.0.2.1", FROM_E, "10.11.0.0/16"));
        assertThat(h.hasRoute("10.11.0.0/16")).isFalse();
        // A new session starts clean.
        h.down("e", new Notification(ErrorCodes.CEASE, 0));
        h.up("e", null);
        h.receive("e", announce("192.0.2.1", FROM_E, "10.11.0.0/16"));
        assertThat(h.hasRoute("10.11.0.0/16")).isTrue();
    }

    @Test
    void routeRefreshResendsTheAdjRibOutAndEndOfRib() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED, "10.244.1.0/24"));
        h.up("x", null);
        h.take("x");
        h.engine.routeRefresh("x", h.epochs.get("x"), new RouteRefresh(AfiSafi.IPV4_UNICAST));
        List<Update> out = h.take("x");
        assertThat(announced(out)).containsExactly(Prefix.parse("10.244.1.0/24"));
        assertThat(endOfRibs(out)).isEqualTo(1);
    }

    @Test
    void updatesFromAnOlderSessionAreIgnored() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("e", null);
        long old = h.epochs.get("e");
        h.down("e", null);
        h.up("e", null);
        h.engine.update("e", old, announce("192.0.2.1", FROM_E, "10.9.0.0/16"), List.of());
        assertThat(h.hasRoute("10.9.0.0/16")).isFalse();
    }

    @Test
    void originatedRoutesCanBeAddedAndWithdrawnAtRunTime() {
        EngineHarness h = new EngineHarness(EngineHarness.config(GracefulRestartConfig.DISABLED));
        h.up("e", null);
        h.take("e");
        h.engine.originate(Prefix.parse("10.244.7.0/24"), List.of(PathAttribute.Communities.of(64512, 7)));
        Update u = h.take("e").getFirst();
        assertThat(u.attribute(PathAttribute.Communities.class).orElseThrow().values()).containsExactly(PathAttribute.Communities.of(64512, 7));
        h.engine.withdraw(Prefix.parse("10.244.7.0/24"));
        assertThat(withdrawn(h.take("e"))).containsExactly(Prefix.parse("10.244.7.0/24"));
    }
}
