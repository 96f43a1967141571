package dev.junction.bgp.rib;

import dev.junction.bgp.rib.policy.Action;
import dev.junction.bgp.rib.policy.Condition;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.rib.policy.PrefixList;
import dev.junction.bgp.rib.policy.Term;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.junction.bgp.rib.Routes.attrs;
import static dev.junction.bgp.rib.Routes.ip4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy data model: prefix lists with ge/le, community match/set/add, prepend, next-hop self, local-pref, reject. */
@Tag("unit")
class PolicyTest {
    private static final Policy.Context CTX = new Policy.Context(64512, ip4("10.0.0.100"));
    private static final long C1 = Communities.of(64512, 1);
    private static final long C2 = Communities.of(64512, 2);

    @Test
    void prefixListLengthRanges() {
        PrefixList pods = PrefixList.of("deny 10.244.99.0/24", "10.244.0.0/16 ge 24 le 26", "192.168.0.0/16", "2001:db8::/32 le 64");
        assertThat(pods.permits(Prefix.parse("10.244.1.0/24"))).isTrue();
        assertThat(pods.permits(Prefix.parse("10.244.1.64/26"))).isTrue();
        assertThat(pods.permits(Prefix.parse("10.244.1.0/27"))).isFalse(); // longer than le
        assertThat(pods.permits(Prefix.parse("10.244.0.0/16"))).isFalse(); // shorter than ge
        assertThat(pods.permits(Prefix.parse("10.244.99.0/24"))).isFalse(); // first match is the deny
        assertThat(pods.permits(Prefix.parse("10.245.1.0/24"))).isFalse(); // outside
        assertThat(pods.permits(Prefix.parse("192.168.0.0/16"))).isTrue(); // exact
        assertThat(pods.permits(Prefix.parse("192.168.1.0/24"))).isFalse();
        assertThat(pods.permits(Prefix.parse("2001:db8:5::/48"))).isTrue();
        assertThat(PrefixList.of("10.0.0.0/8 ge 24").permits(Prefix.parse("10.1.2.3/32"))).isTrue();
        assertThatThrownBy(() -> PrefixList.of("10.0.0.0/16 ge 8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstMatchingTermDecidesAndModifies() {
        Policy p = new Policy("import", List.of(
                new Term("drop-bad", List.of(new Condition.CommunityAny(Set.of(C2))), List.of(new Action.Reject())),
                new Term("pods", List.of(new Condition.PrefixIn(PrefixList.of("10.244.0.0/16 le 24"))),
                        List.of(new Action.SetLocalPref(200), new Action.AddCommunities(List.of(C1)), new Action.SetMed(5)))),
                false);
        Policy.Verdict v = p.apply(Prefix.parse("10.244.3.0/24"), attrs("10.0.0.1", 65001), CTX);
        assertThat(v.accepted()).isTrue();
        assertThat(v.term()).isEqualTo("pods");
        assertThat(v.attributes().localPref()).hasValue(200);
        assertThat(v.attributes().med()).hasValue(5);
        assertThat(v.attributes().communities()).containsExactly(C1);

        Policy.Verdict bad = p.apply(Prefix.parse("10.244.3.0/24"), attrs("10.0.0.1").withCommunities(List.of(C2)), CTX);
        assertThat(bad.accepted()).isFalse();
        assertThat(bad.term()).isEqualTo("drop-bad");

        Policy.Verdict other = p.apply(Prefix.parse("172.16.0.0/12"), attrs("10.0.0.1"), CTX);
        assertThat(other.accepted()).isFalse();
        assertThat(other.term()).isEqualTo("default");
    }

    @Test
    void communitiesAddKeepsExistingOnesAndSetReplaces() {
        RouteAttributes a = attrs("10.0.0.1").withCommunities(List.of(C2));
        Policy add = new Policy("add", List.of(new Term("t", List.of(), List.of(new Action.AddCommunities(List.of(C1, C2))))), true);
        assertThat(add.apply(Prefix.parse("10.0.0.0/8"), a, CTX).attributes().communities()).containsExactly(C2, C1);
        Policy set = new Policy("set", List.of(new Term("t", List.of(), List.of(new Action.SetCommunities(List.of(C1))))), true);
        assertThat(set.apply(Prefix.parse("10.0.0.0/8"), a, CTX).attributes().communities()).containsExactly(C1);
    }

    @Test
    void prependAndNextHopSelf() {
        Policy p = new Policy("export", List.of(new Term("t", List.of(new Condition.AsPathContains(65001)),
                List.of(new Action.PrependAs(0, 2), new Action.NextHopSelf()))), true);
        RouteAttributes out = p.apply(Prefix.parse("10.9.0.0/16"), attrs("192.0.2.1", 65001), CTX).attributes();
        assertThat(out.asPath()).containsExactly(AsPathSegment.sequence(64512, 64512, 65001));
        assertThat(out.nextHop()).isEqualTo(ip4("10.0.0.100"));
        // Without a match nothing changes.
        RouteAttributes same = attrs("192.0.2.1", 65002);
        assertThat(p.apply(Prefix.parse("10.9.0.0/16"), same, CTX).attributes()).isEqualTo(same);
    }
}
