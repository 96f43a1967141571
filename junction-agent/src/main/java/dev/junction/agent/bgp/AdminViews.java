package dev.junction.agent.bgp;

import dev.junction.bgp.rib.Explanation;
import dev.junction.bgp.rib.Route;
import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.speaker.NeighborStatus;
import dev.junction.bgp.wire.AsPathSegment;

import dev.junction.bgp.wire.IpText;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON the admin endpoint answers with: plain maps and lists in a fixed key order, so that {@code --json}
 * output is stable for scripts and the table renderer reads the same shape the server wrote.
 */
final class AdminViews {
    private AdminViews() {
    }

    static List<Map<String, Object>> neighbors(List<NeighborStatus> all, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NeighborStatus n : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            m.put("address", IpText.of(n.address()));
            m.put("port", n.port());
            m.put("asn", n.asn());
            m.put("state", n.state().toString());
            m.put("since", n.since().map(Instant::toString).orElse(null));
            m.put("forSeconds", n.since().map(s -> Duration.between(s, now).toSeconds()).orElse(null));
            m.put("routerId", n.peerRouterId().map(IpText::of).orElse(null));
            m.put("holdTime", n.holdTime());
            m.put("families", n.families().stream().map(Object::toString).sorted().toList());
            m.put("received", n.received());
            m.put("stale", n.stale());
            m.put("best", n.best());
            m.put("advertised", n.advertised());
            m.put("routeReflectorClient", n.routeReflectorClient());
            m.put("password", n.passwordSet()); // whether one is set; the key itself never leaves the process
            m.put("lastDown", n.lastDown().orElse(null));
            out.add(m);
        }
        return out;
    }

    /** One prefix with all its candidate paths, best first. */
    static Map<String, Object> prefix(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", e.prefix().toString());
        m.put("family", e.prefix().family().toString().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> paths = new ArrayList<>();
        for (Explanation.Candidate c : e.candidates()) {
            Map<String, Object> p = path(c.route());
            p.put("best", c.lostAt().isEmpty());
            p.put("lostAt", c.lostAt().map(Object::toString).orElse(null));
            paths.add(p);
        }
        m.put("paths", paths);
        return m;
    }

    static Map<String, Object> path(Route r) {
        RouteAttributes a = r.attributes();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from", r.source().kind() == dev.junction.bgp.rib.Source.Kind.LOCAL ? "local" : IpText.of(r.source().address()));
        p.put("fromAsn", r.source().asn());
        p.put("nextHop", a.nextHop() == null ? "self" : IpText.of(a.nextHop()));
        p.put("asPath", asPath(a.asPath()));
        p.put("origin", switch (a.origin()) {
            case 0 -> "igp";
            case 1 -> "egp";
            default -> "incomplete";
        });
        p.put("localPref", a.localPref().isPresent() ? a.localPref().getAsLong() : null);
        p.put("med", a.med().isPresent() ? a.med().getAsLong() : null);
        p.put("communities", a.communities().stream().map(c -> (c >>> 16) + ":" + (c & 0xFFFF)).toList());
        p.put("originatorId", a.originatorId() == null ? null : IpText.of(a.originatorId()));
        p.put("clusterList", a.clusterList().stream().map(IpText::of).toList());
        return p;
    }

    static String asPath(List<AsPathSegment> segments) {
        return segments.stream().map(s -> {
            String asns = s.asns().stream().map(String::valueOf).collect(Collectors.joining(" "));
            return s.type() == AsPathSegment.Type.AS_SEQUENCE ? asns : "{" + asns + "}";
        }).collect(Collectors.joining(" "));
    }
}
