package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.PathAttribute.Communities;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;

import static dev.junction.bgp.rib.Routes.attrs;
import static dev.junction.bgp.rib.Routes.client;
import static dev.junction.bgp.rib.Routes.ebgp;
import static dev.junction.bgp.rib.Routes.ibgp;
import static dev.junction.bgp.rib.Routes.ip4;
import static dev.junction.bgp.rib.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * iBGP/eBGP export rules (RFC 4271 §5.1, §9.2), route reflection (RFC 4456 §6, §8), well-known communities
 * (RFC 1997). We are AS 64512, router id 10.0.0.100, our session address 10.0.0.100 towards everyone.
 */
@Tag("unit")
class ExportRulesTest {
    private static final ExportRules.Local PLAIN = new ExportRules.Local(64512, Routes.ROUTER_ID, Routes.ROUTER_ID, false, 100);
    private static final ExportRules.Local REFLECTOR = new ExportRules.Local(64512, Routes.ROUTER_ID, ip4("10.255.0.1"), true, 100);
    private static final InetAddress SELF = ip4("10.0.0.100");

    private static ExportRules.Target to(Source s) {
        return new ExportRules.Target(s, SELF, null);
    }

    private final Route local = route("10.244.1.0/24", Source.local(64512, Routes.ROUTER_ID), RouteAttributes.local(List.of()), 1);
    private final Route fromEbgp = route("10.9.0.0/16", ebgp("192.0.2.1", 65001),
            attrs("192.0.2.1", 65001).withMed(OptionalLong.of(7)), 2);
    private final Route fromIbgp = route("10.8.0.0/16", ibgp("10.0.0.1"), attrs("10.0.0.1", 65002).withLocalPref(OptionalLong.of(150)), 3);
    private final Route fromClient = route("10.7.0.0/16", client("10.0.0.5"), attrs("10.0.0.5"), 4);

    @Test
    void localRoutesGoEverywhereWithOurNextHop() {
        RouteAttributes toInternal = ExportRules.export(local, to(ibgp("10.0.0.1")), PLAIN).orElseThrow();
        assertThat(toInternal.nextHop()).isEqualTo(SELF);
        assertThat(toInternal.asPath()).isEmpty(); // RFC 4271 §5.1.2 (a)
        assertThat(toInternal.localPref()).hasValue(100); // §5.1.5
        RouteAttributes toExternal = ExportRules.export(local, to(ebgp("192.0.2.9", 65009)), PLAIN).orElseThrow();
        assertThat(toExternal.asPath()).containsExactly(AsPathSegment.sequence(64512)); // §5.1.2 (b)
        assertThat(toExternal.localPref()).isEmpty();
        assertThat(toExternal.nextHop()).isEqualTo(SELF);
    }

    @Test
    void externalRoutesToExternalPeersGetOurAsFirstOurNextHopAndNoMed() {
        RouteAttributes a = ExportRules.export(fromEbgp, to(ebgp("192.0.2.9", 65009)), PLAIN).orElseThrow();
        assertThat(a.asPath()).containsExactly(AsPathSegment.sequence(64512, 65001));
        assertThat(a.nextHop()).isEqualTo(SELF);
        assertThat(a.med()).isEmpty(); // RFC 4271 §5.1.4
    }

    @Test
    void externalRoutesToInternalPeersKeepTheirNextHopAndGetLocalPref() {
        RouteAttributes a = ExportRules.export(fromEbgp, to(ibgp("10.0.0.1")), PLAIN).orElseThrow();
        assertThat(a.nextHop()).isEqualTo(ip4("192.0.2.1")); // RFC 4271 §5.1.3 (2)
        assertThat(a.asPath()).containsExactly(AsPathSegment.sequence(65001));
        assertThat(a.localPref()).hasValue(100);
        assertThat(a.med()).hasValue(7);
    }

    @Test
    void internalRoutesAreNotSentToInternalPeersWithoutReflection() {
        assertThat(ExportRules.export(fromIbgp, to(ibgp("10.0.0.2")), PLAIN)).isEmpty(); // RFC 4271 §9.2
        assertThat(ExportRules.export(fromIbgp, to(ebgp("192.0.2.9", 65009)), PLAIN)).isPresent();
    }

    @Test
    void neverBackToTheSender() {
        assertThat(ExportRules.export(fromEbgp, to(ebgp("192.0.2.1", 65001)), PLAIN)).isEmpty();
        assertThat(ExportRules.export(fromClient, to(client("10.0.0.5")), REFLECTOR)).isEmpty();
    }

    @Test
    void reflectorSendsClientRoutesToEveryoneAndNonClientRoutesToClientsOnly() {
        RouteAttributes toNonClient = ExportRules.export(fromClient, to(ibgp("10.0.0.1")), REFLECTOR).orElseThrow();
        assertThat(toNonClient.originatorId()).isEqualTo(ip4("10.0.0.5")); // RFC 4456 §8
        assertThat(toNonClient.clusterList()).containsExactly(ip4("10.255.0.1"));
        assertThat(toNonClient.nextHop()).isEqualTo(ip4("10.0.0.5")); // RFC 4456 §10: unchanged
        assertThat(ExportRules.export(fromClient, to(client("10.0.0.6")), REFLECTOR)).isPresent();

        assertThat(ExportRules.export(fromIbgp, to(client("10.0.0.6")), REFLECTOR)).hasValueSatisfying(a -> {
            assertThat(a.localPref()).hasValue(150);
            assertThat(a.originatorId()).isEqualTo(ip4("10.0.0.1"));
        });
        assertThat(ExportRules.export(fromIbgp, to(ibgp("10.0.0.2")), REFLECTOR)).isEmpty();
    }

    @Test
    void reflectionKeepsAnExistingOriginatorAndPrependsOurCluster() {
        Route reflected = route("10.6.0.0/16", client("10.0.0.5"), Routes.withClusters(attrs("10.0.0.50"), "10.0.0.50", "10.255.0.9"), 5);
        RouteAttributes a = ExportRules.export(reflected, to(ibgp("10.0.0.1")), REFLECTOR).orElseThrow();
        assertThat(a.originatorId()).isEqualTo(ip4("10.0.0.50"));
        assertThat(a.clusterList()).containsExactly(ip4("10.255.0.1"), ip4("10.255.0.9"));
        // Out of the AS the reflection attributes go away.
        RouteAttributes ext = ExportRules.export(reflected, to(ebgp("192.0.2.9", 65009)), REFLECTOR).orElseThrow();
        assertThat(ext.originatorId()).isNull();
        assertThat(ext.clusterList()).isEmpty();
    }

    @Test
    void wellKnownCommunitiesLimitTheScope() {
        Route noExport = route("10.5.0.0/16", ibgp("10.0.0.1"), attrs("10.0.0.1").withCommunities(List.of(Communities.NO_EXPORT)), 6);
        assertThat(ExportRules.export(noExport, to(ebgp("192.0.2.9", 65009)), PLAIN)).isEmpty();
        assertThat(ExportRules.export(noExport, to(client("10.0.0.6")), REFLECTOR)).isPresent();
        Route noAdvertise = route("10.5.0.0/16", ebgp("192.0.2.1", 65001),
                attrs("192.0.2.1", 65001).withCommunities(List.of(Communities.NO_ADVERTISE)), 7);
        assertThat(ExportRules.export(noAdvertise, to(ibgp("10.0.0.1")), PLAIN)).isEmpty();
    }

    @Test
    void ipv6RoutesNeedAnIpv6NextHopOnTheSession() {
        Route v6 = route("2001:db8:1::/48", Source.local(64512, Routes.ROUTER_ID), RouteAttributes.local(List.of()), 8);
        assertThat(ExportRules.export(v6, to(ibgp("10.0.0.1")), PLAIN)).isEmpty();
        InetAddress v6Self = InetAddress.ofLiteral("2001:db8::100");
        assertThat(ExportRules.export(v6, new ExportRules.Target(ibgp("10.0.0.1"), SELF, v6Self), PLAIN))
                .hasValueSatisfying(a -> assertThat(a.nextHop()).isEqualTo(v6Self));
    }
}
