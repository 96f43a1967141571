package dev.junction.agent.bgp;

import dev.junction.bgp.rib.policy.Action;
import dev.junction.bgp.rib.policy.Condition;
import dev.junction.bgp.rib.policy.PrefixList;
import dev.junction.bgp.rib.policy.Term;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One policy term of the YAML configuration:
 * <pre>
 * - name: pods
 *   match: {prefixes: ["10.244.0.0/16 le 24"], communities: ["64512:1"], asPathContains: 65001}
 *   then: {localPref: 200, med: 5, addCommunities: ["64512:7"], setCommunities: [...], prepend: 2,
 *          nextHopSelf: true, action: accept | reject}
 * </pre>
 * All match conditions must hold; a term without {@code match} matches every route.
 */
final class PolicyTerms {
    private PolicyTerms() {
    }

    static Term term(YamlTree t) {
        t.allowOnly(Set.of("name", "match", "then"));
        String name = t.string("name");
        List<Condition> conditions = new ArrayList<>();
        if (t.has("match")) {
            YamlTree m = t.object("match");
            m.allowOnly(Set.of("prefixes", "communities", "asPathContains"));
            List<String> prefixes = m.strings("prefixes");
            if (!prefixes.isEmpty()) {
                try {
                    conditions.add(new Condition.PrefixIn(PrefixList.of(prefixes.toArray(String[]::new))));
                } catch (RuntimeException e) {
                    throw new YamlTree.ConfigException(m.path("prefixes") + ": " + e.getMessage());
                }
            }
            List<Long> communities = BgpConfigFile.communities(m, "communities");
            if (!communities.isEmpty()) conditions.add(new Condition.CommunityAny(new HashSet<>(communities)));
            if (m.has("asPathContains")) conditions.add(new Condition.AsPathContains(m.integer("asPathContains", 0, 0xFFFFFFFFL)));
        }
        List<Action> actions = new ArrayList<>();
        if (t.has("then")) {
            YamlTree a = t.object("then");
            a.allowOnly(Set.of("localPref", "med", "addCommunities", "setCommunities", "prepend", "nextHopSelf", "action"));
            if (a.has("localPref")) actions.add(new Action.SetLocalPref(a.integer("localPref", 0, 0xFFFFFFFFL)));
            if (a.has("med")) actions.add(new Action.SetMed(a.integer("med", 0, 0xFFFFFFFFL)));
            if (a.has("addCommunities")) actions.add(new Action.AddCommunities(BgpConfigFile.communities(a, "addCommunities")));
            if (a.has("setCommunities")) actions.add(new Action.SetCommunities(BgpConfigFile.communities(a, "setCommunities")));
            if (a.has("prepend")) actions.add(new Action.PrependAs(0, (int) a.integer("prepend", 1, 32)));
            if (a.bool("nextHopSelf", false)) actions.add(new Action.NextHopSelf());
            if (a.has("action")) {
                actions.add(switch (a.string("action")) {
                    case "accept" -> new Action.Accept();
                    case "reject" -> new Action.Reject();
                    default -> throw new YamlTree.ConfigException(a.path("action") + ": accept or reject");
                });
            }
        }
        return new Term(name, conditions, actions);
    }
}
