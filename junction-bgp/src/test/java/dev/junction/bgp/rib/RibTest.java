package dev.junction.bgp.rib;

import dev.junction.bgp.rib.policy.Action;
import dev.junction.bgp.rib.policy.Condition;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.rib.policy.PrefixList;
import dev.junction.bgp.rib.policy.Term;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.junction.bgp.rib.Routes.attrs;
import static dev.junction.bgp.rib.Routes.ip4;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adj-RIB-In → Loc-RIB → Adj-RIB-Out. We are AS 64512, 10.0.0.100. Peers: iBGP 10.0.0.1, route-reflector client
 * 10.0.0.5, eBGP 192.0.2.1 (AS 65001) and 192.0.2.2 (AS 65002). Our session address is 10.0.0.100 everywhere.
 */
@Tag("unit")
class RibTest {
    private static final InetAddress IBGP = ip4("10.0.0.1");
    private static final InetAddress CLIENT = ip4("10.0.0.5");
    private static final InetAddress EBGP1 = ip4("192.0.2.1");
    private static final InetAddress EBGP2 = ip4("192.0.2.2");
    private static final InetAddress SELF = ip4("10.0.0.100");
    private static final Set<AfiSafi> V4 = Set.of(AfiSafi.IPV4_UNICAST);
    private static final Prefix P = Prefix.parse("10.9.0.0/16");

    private Rib rib;
    private final List<BestChange> changes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        rib = new Rib(Rib.Config.of(64512, Routes.ROUTER_ID));
        rib.addPeer(Routes.ibgp("10.0.0.1"), Policy.ACCEPT_ALL, Policy.ACCEPT_ALL);
        rib.addPeer(Routes.client("10.0.0.5"), Policy.ACCEPT_ALL, Policy.ACCEPT_ALL);
        rib.addPeer(Routes.ebgp("192.0.2.1", 65001), Policy.ACCEPT_ALL, Policy.ACCEPT_ALL);
        rib.addPeer(Routes.ebgp("192.0.2.2", 65002), Policy.ACCEPT_ALL, Policy.ACCEPT_ALL);
        rib.locRib().subscribe((p, o, n) -> changes.add(new BestChange(p, o, n)));
    }

    private void up(InetAddress... peers) {
        for (InetAddress a : peers) rib.up(a, (java.net.Inet4Address) a, new ExportRules.Target(rib.peer(a).source(), SELF, null), V4);
    }

    private static Optional<AdjRibOut.Change> changeFor(Map<InetAddress, List<AdjRibOut.Change>> out, InetAddress peer, Prefix p) {
        return out.getOrDefault(peer, List.of()).stream().filter(c -> c.prefix().equals(p)).findFirst();
    }

    @Test
    void aLearnedRouteIsExportedToEveryOtherPeerWithTheRightAttributes() {
        up(IBGP, CLIENT, EBGP1, EBGP2);
        rib.drain();
        assertThat(rib.learn(EBGP1, P, attrs("192.0.2.1", 65001))).isEmpty();
        Map<InetAddress, List<AdjRibOut.Change>> out = rib.drain();
        assertThat(out).containsOnlyKeys(IBGP, CLIENT, EBGP2);
        assertThat(changeFor(out, IBGP, P).orElseThrow().attributes().orElseThrow().nextHop()).isEqualTo(EBGP1);
        RouteAttributes toEbgp2 = changeFor(out, EBGP2, P).orElseThrow().attributes().orElseThrow();
        assertThat(toEbgp2.asPath()).containsExactly(AsPathSegment.sequence(64512, 65001));
        assertThat(toEbgp2.nextHop()).isEqualTo(SELF);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.oldBest()).isEmpty();
            assertThat(c.newBest().orElseThrow().source().address()).isEqualTo(EBGP1);
        });
    }

    @Test
    void aWithdrawPropagatesAndTheNextBestTakesOver() {
        up(IBGP, EBGP1, EBGP2);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.learn(EBGP2, P, attrs("192.0.2.2", 65002, 65003));
        rib.drain();
        rib.forget(EBGP1, P);
        Map<InetAddress, List<AdjRibOut.Change>> out = rib.drain();
        assertThat(changeFor(out, IBGP, P).orElseThrow().attributes().orElseThrow().nextHop()).isEqualTo(EBGP2);
        assertThat(changeFor(out, EBGP1, P).orElseThrow().attributes()).isPresent(); // now it gets EBGP2's path
        assertThat(changeFor(out, EBGP2, P).orElseThrow().attributes()).isEmpty(); // and EBGP2 loses EBGP1's
        rib.forget(EBGP2, P);
        assertThat(changes.getLast().newBest()).isEmpty();
        assertThat(rib.drain().get(IBGP)).singleElement().satisfies(c -> assertThat(c.attributes()).isEmpty());
    }

    @Test
    void aReAnnouncementThatChangesNothingSendsNothing() {
        up(IBGP, EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.drain();
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        assertThat(rib.drain()).isEmpty();
        assertThat(changes).hasSize(1);
    }

    @Test
    void loopsAreDroppedAndWithdrawThePreviousRoute() {
        up(IBGP, EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        assertThat(rib.learn(EBGP1, P, attrs("192.0.2.1", 65001, 64512))).hasValueSatisfying(r -> assertThat(r).contains("RFC 4271 §9.1.2"));
        assertThat(rib.locRib().best(P)).isEmpty();
        assertThat(rib.learn(IBGP, P, Routes.withClusters(attrs("10.0.0.1"), "10.0.0.100"))).hasValueSatisfying(r -> assertThat(r).contains("ORIGINATOR_ID"));
        assertThat(rib.learn(IBGP, P, Routes.withClusters(attrs("10.0.0.1"), "10.0.0.7", "10.0.0.100"))).hasValueSatisfying(r -> assertThat(r).contains("CLUSTER_LIST"));
        assertThat(rib.peer(IBGP).adjRibIn().size()).isZero();
    }

    @Test
    void importPolicyFiltersAndSetsPreference() {
        Rib r = new Rib(Rib.Config.of(64512, Routes.ROUTER_ID));
        Policy imp = new Policy("pods-only", List.of(new Term("pods", List.of(new Condition.PrefixIn(PrefixList.of("10.244.0.0/16 le 24"))),
                List.of(new Action.SetLocalPref(300)))), false);
        r.addPeer(Routes.ebgp("192.0.2.1", 65001), imp, Policy.ACCEPT_ALL);
        assertThat(r.learn(EBGP1, Prefix.parse("10.244.1.0/24"), attrs("192.0.2.1", 65001))).isEmpty();
        assertThat(r.locRib().best(Prefix.parse("10.244.1.0/24")).orElseThrow().attributes().localPref()).hasValue(300);
        assertThat(r.learn(EBGP1, P, attrs("192.0.2.1", 65001))).hasValueSatisfying(s -> assertThat(s).contains("pods-only"));
    }

    @Test
    void exportPolicyCanRejectAndPrepend() {
        Rib r = new Rib(Rib.Config.of(64512, Routes.ROUTER_ID));
        Policy exp = new Policy("exp", List.of(
                new Term("hide", List.of(new Condition.PrefixIn(PrefixList.of("10.9.0.0/16"))), List.of(new Action.Reject())),
                new Term("rest", List.of(), List.of(new Action.PrependAs(0, 1)))), true);
        r.addPeer(Routes.ebgp("192.0.2.2", 65002), Policy.ACCEPT_ALL, exp);
        r.up(EBGP2, (java.net.Inet4Address) EBGP2, new ExportRules.Target(r.peer(EBGP2).source(), SELF, null), V4);
        r.originate(P, RouteAttributes.local(List.of()));
        r.originate(Prefix.parse("10.244.1.0/24"), RouteAttributes.local(List.of()));
        List<AdjRibOut.Change> out = r.drain().get(EBGP2);
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.prefix()).isEqualTo(Prefix.parse("10.244.1.0/24"));
            assertThat(c.attributes().orElseThrow().asPath()).containsExactly(AsPathSegment.sequence(64512, 64512));
        });
    }

    @Test
    void aSessionComingUpGetsTheWholeTable() {
        rib.originate(Prefix.parse("10.244.1.0/24"), RouteAttributes.local(List.of()));
        up(EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.drain();
        up(IBGP);
        assertThat(rib.drain().get(IBGP)).extracting(AdjRibOut.Change::prefix)
                .containsExactlyInAnyOrder(P, Prefix.parse("10.244.1.0/24"));
    }

    @Test
    void routeReflectionFromClientToNonClient() {
        up(IBGP, CLIENT);
        rib.learn(CLIENT, P, attrs("10.0.0.5"));
        RouteAttributes a = changeFor(rib.drain(), IBGP, P).orElseThrow().attributes().orElseThrow();
        assertThat(a.originatorId()).isEqualTo(ip4("10.0.0.5"));
        assertThat(a.clusterList()).containsExactly(Routes.ROUTER_ID);
        rib.learn(IBGP, Prefix.parse("10.8.0.0/16"), attrs("10.0.0.1"));
        assertThat(changeFor(rib.drain(), CLIENT, Prefix.parse("10.8.0.0/16"))).isPresent();
    }

    @Test
    void sessionDownWithdrawsUnlessRetainedAsStale() {
        up(IBGP, EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.drain();
        rib.down(EBGP1, V4);
        assertThat(rib.locRib().best(P)).isPresent();
        assertThat(rib.peer(EBGP1).adjRibIn().isStale(P)).isTrue();
        assertThat(rib.drain()).isEmpty();
        assertThat(rib.sweepStale(EBGP1, AfiSafi.IPV4_UNICAST)).containsExactly(P);
        assertThat(changeFor(rib.drain(), IBGP, P).orElseThrow().attributes()).isEmpty();

        up(EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.drain();
        rib.down(EBGP1, Set.of());
        assertThat(rib.locRib().best(P)).isEmpty();
        assertThat(changeFor(rib.drain(), IBGP, P).orElseThrow().attributes()).isEmpty();
    }

    @Test
    void reAnnouncedRoutesAreNoLongerStale() {
        up(EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.learn(EBGP1, Prefix.parse("10.10.0.0/16"), attrs("192.0.2.1", 65001));
        rib.down(EBGP1, V4);
        up(EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        assertThat(rib.sweepStale(EBGP1, AfiSafi.IPV4_UNICAST)).containsExactly(Prefix.parse("10.10.0.0/16"));
        assertThat(rib.locRib().best(P)).isPresent();
    }

    @Test
    void deferredSelectionReportsNothingUntilResumed() {
        rib.defer();
        up(IBGP, EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.originate(Prefix.parse("10.244.1.0/24"), RouteAttributes.local(List.of()));
        assertThat(rib.drain()).isEmpty();
        assertThat(changes).isEmpty();
        rib.resume();
        assertThat(changes).hasSize(2);
        assertThat(rib.drain().get(IBGP)).hasSize(2);
    }

    @Test
    void routeRefreshQueuesTheAdjRibOutAgain() {
        up(IBGP, EBGP1);
        rib.learn(EBGP1, P, attrs("192.0.2.1", 65001));
        rib.drain();
        rib.refresh(IBGP, AfiSafi.IPV4_UNICAST);
        assertThat(rib.drain().get(IBGP)).singleElement().extracting(AdjRibOut.Change::prefix).isEqualTo(P);
    }

    @Test
    void familiesTheSessionDoesNotCarryAreNotExported() {
        up(IBGP);
        rib.originate(Prefix.parse("2001:db8:1::/48"), RouteAttributes.local(List.of()));
        assertThat(rib.drain()).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<Prefix> seen = new ArrayList<>();
        rib.locRib().subscribe((p, o, n) -> {
            throw new IllegalStateException("consumer bug");
        });
        rib.locRib().subscribe((p, o, n) -> seen.add(p));
        rib.originate(P, RouteAttributes.local(List.of()));
        assertThat(seen).containsExactly(P);
    }
}
