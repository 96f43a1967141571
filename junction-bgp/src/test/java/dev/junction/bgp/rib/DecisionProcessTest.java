package dev.junction.bgp.rib;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static dev.junction.bgp.rib.Routes.attrs;
import static dev.junction.bgp.rib.Routes.ebgp;
import static dev.junction.bgp.rib.Routes.ibgp;
import static dev.junction.bgp.rib.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each step of the decision process decides when the earlier ones tie (RFC 4271 §9.1.2.2, RFC 4456 §9, RFC 5004).
 * Peers: iBGP 10.0.0.1–3, eBGP 192.0.2.1 (AS 65001), 192.0.2.2 (AS 65002), 192.0.2.3 (AS 65001).
 */
@Tag("unit")
class DecisionProcessTest {
    private final DecisionProcess standard = DecisionProcess.standard(DecisionProcess.Options.defaults(Routes.LOCAL_AS));

    private static void assertWinner(DecisionProcess d, Route winner, Route loser, Step step) {
        DecisionProcess.Selection s = d.select(List.of(loser, winner));
        assertThat(s.best()).isSameAs(winner);
        assertThat(s.eliminatedBy()).containsExactlyEntriesOf(java.util.Map.of(loser, step));
        // Order of the candidates does not matter.
        assertThat(d.select(List.of(winner, loser)).best()).isSameAs(winner);
    }

    @Test
    void highestLocalPrefFirst() {
        Route a = route("10.1.0.0/16", ibgp("10.0.0.2"), attrs("10.0.0.2", 65001, 65002).withLocalPref(OptionalLong.of(200)), 1);
        Route b = route("10.1.0.0/16", ibgp("10.0.0.1"), attrs("10.0.0.1", 65001), 2);
        assertWinner(standard, a, b, Step.LOCAL_PREF);
    }

    @Test
    void thenShortestAsPath() {
        Route a = route("10.1.0.0/16", ebgp("192.0.2.2", 65002), attrs("192.0.2.2", 65002), 1);
        Route b = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001, 65003), 2);
        assertWinner(standard, a, b, Step.AS_PATH_LENGTH);
    }

    @Test
    void thenLowestOrigin() {
        Route a = route("10.1.0.0/16", ebgp("192.0.2.2", 65002), attrs("192.0.2.2", 65002), 1);
        Route b = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), Routes.withOrigin(attrs("192.0.2.1", 65001), 2), 2);
        assertWinner(standard, a, b, Step.ORIGIN);
    }

    @Test
    void medComparesOnlyRoutesFromTheSameNeighbourAs() {
        Route lowMed = route("10.1.0.0/16", ebgp("192.0.2.3", 65001), attrs("192.0.2.3", 65001).withMed(OptionalLong.of(5)), 1);
        Route highMed = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001).withMed(OptionalLong.of(50)), 2);
        assertWinner(standard, lowMed, highMed, Step.MED);
        // From another AS the MED is not compared: router id decides (192.0.2.1 < 192.0.2.2).
        Route otherAs = route("10.1.0.0/16", ebgp("192.0.2.2", 65002), attrs("192.0.2.2", 65002).withMed(OptionalLong.of(1)), 3);
        assertWinner(standard, highMed, otherAs, Step.ROUTER_ID);
        // With always-compare-med it is.
        DecisionProcess always = DecisionProcess.standard(new DecisionProcess.Options(Routes.LOCAL_AS, 100, true, false, nh -> 0));
        assertWinner(always, otherAs, highMed, Step.MED);
    }

    @Test
    void medIsNotTransitiveButEliminationIsExact() {
        // A (AS 65001, MED 10) loses to C (AS 65001, MED 5) at MED; B (AS 65002) survives MED; then router id.
        Route a = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001).withMed(OptionalLong.of(10)), 1);
        Route b = route("10.1.0.0/16", ebgp("192.0.2.2", 65002), attrs("192.0.2.2", 65002).withMed(OptionalLong.of(0)), 2);
        Route c = route("10.1.0.0/16", ebgp("192.0.2.3", 65001), attrs("192.0.2.3", 65001).withMed(OptionalLong.of(5)), 3);
        DecisionProcess.Selection s = standard.select(List.of(a, b, c));
        assertThat(s.best()).isSameAs(b);
        assertThat(s.eliminatedBy()).containsEntry(a, Step.MED).containsEntry(c, Step.ROUTER_ID);
    }

    @Test
    void missingMedCountsAsZero() {
        Route none = route("10.1.0.0/16", ebgp("192.0.2.3", 65001), attrs("192.0.2.3", 65001), 1);
        Route some = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001).withMed(OptionalLong.of(1)), 2);
        assertWinner(standard, none, some, Step.MED);
    }

    @Test
    void externalBeforeInternal() {
        Route e = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001), 1);
        Route i = route("10.1.0.0/16", ibgp("10.0.0.1"), attrs("10.0.0.1", 65002), 2);
        assertWinner(standard, e, i, Step.EXTERNAL_OVER_INTERNAL);
    }

    @Test
    void lowestIgpCostWhenConfigured() {
        DecisionProcess igp = DecisionProcess.standard(new DecisionProcess.Options(Routes.LOCAL_AS, 100, false, false,
                nh -> nh.getHostAddress().equals("10.0.0.3") ? 1 : 10));
        Route near = route("10.1.0.0/16", ibgp("10.0.0.3"), attrs("10.0.0.3", 65001), 1);
        Route far = route("10.1.0.0/16", ibgp("10.0.0.1"), attrs("10.0.0.1", 65001), 2);
        assertWinner(igp, near, far, Step.IGP_COST);
    }

    @Test
    void oldestExternalWhenEnabled() {
        DecisionProcess oldest = DecisionProcess.standard(new DecisionProcess.Options(Routes.LOCAL_AS, 100, false, true, nh -> 0));
        Route old = route("10.1.0.0/16", ebgp("192.0.2.2", 65002), attrs("192.0.2.2", 65002), 1);
        Route young = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001), 2);
        assertWinner(oldest, old, young, Step.OLDEST_EXTERNAL);
        assertWinner(standard, young, old, Step.ROUTER_ID);
    }

    @Test
    void originatorIdStandsInForTheRouterIdThenShorterClusterListThenLowerAddress() {
        Route viaRr = route("10.1.0.0/16", ibgp("10.0.0.9"), Routes.withClusters(attrs("10.0.0.50", 65001), "10.0.0.1", "10.0.0.9"), 1);
        Route direct = route("10.1.0.0/16", ibgp("10.0.0.2"), attrs("10.0.0.2", 65001), 2);
        assertWinner(standard, viaRr, direct, Step.ROUTER_ID);

        Route oneCluster = route("10.1.0.0/16", ibgp("10.0.0.8"), Routes.withClusters(attrs("10.0.0.50", 65001), "10.0.0.1", "10.0.0.8"), 1);
        Route twoClusters = route("10.1.0.0/16", ibgp("10.0.0.7"), Routes.withClusters(attrs("10.0.0.50", 65001), "10.0.0.1", "10.0.0.7", "10.0.0.8"), 2);
        assertWinner(standard, oneCluster, twoClusters, Step.CLUSTER_LIST_LENGTH);

        Route low = route("10.1.0.0/16", ibgp("10.0.0.7"), Routes.withClusters(attrs("10.0.0.50", 65001), "10.0.0.1", "10.0.0.7"), 1);
        assertWinner(standard, low, oneCluster, Step.NEIGHBOR_ADDRESS);
    }

    @Test
    void explanationNamesTheWinnerAndTheStepAgainstEachLoser() {
        LocRib rib = new LocRib(standard);
        Route best = route("10.1.0.0/16", ebgp("192.0.2.2", 65002), attrs("192.0.2.2", 65002), 1);
        Route longer = route("10.1.0.0/16", ebgp("192.0.2.1", 65001), attrs("192.0.2.1", 65001, 65009), 2);
        Route internal = route("10.1.0.0/16", ibgp("10.0.0.1"), attrs("10.0.0.1", 65003), 3);
        rib.put(longer);
        rib.put(internal);
        rib.put(best);
        Explanation e = rib.explain(best.prefix());
        assertThat(e.best()).contains(best);
        assertThat(e.candidates().getFirst().route()).isSameAs(best);
        assertThat(e.lostAt(longer.source())).contains(Step.AS_PATH_LENGTH);
        assertThat(e.lostAt(internal.source())).contains(Step.EXTERNAL_OVER_INTERNAL);
        assertThat(e.lostAt(best.source())).isEmpty();
        assertThat(e.render()).contains("lost at AS_PATH_LENGTH", "lost at EXTERNAL_OVER_INTERNAL", "* 10.1.0.0/16 from 192.0.2.2");
    }
}
