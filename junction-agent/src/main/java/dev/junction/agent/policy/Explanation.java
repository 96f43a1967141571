package dev.junction.agent.policy;

import dev.junction.agent.policy.FlowArgs.PortArg;
import dev.junction.netpol.oracle.DirectionVerdict;
import dev.junction.netpol.oracle.LocalNode;
import dev.junction.netpol.oracle.PolicyEvaluation;
import dev.junction.netpol.oracle.RuleMatch;
import dev.junction.netpol.oracle.Verdict;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer of {@code policy explain}: the oracle's verdict, how a named port resolved, and the warnings; as text
 * lines or as a JSON-ready map.
 *
 * @param portLine {@code port http/TCP of prod/web is 80} for a named port, else null
 */
record Explanation(Verdict verdict, PortArg port, int portNumber, String portLine, LocalNode node,
        List<String> warnings) {
    Explanation {
        warnings = List.copyOf(warnings);
    }

    boolean allowed() {
        return verdict.allowed();
    }

    /**
     * The summary ({@code ALLOW a -> b port 80/TCP}), the named port's resolution, the source's egress and the
     * destination's ingress (each a headline and one line per selecting policy), then {@code warning:} lines.
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(verdict.explain().getFirst());
        if (portLine != null) {
            lines.add(portLine);
        }
        lines.addAll(verdict.egress().explain());
        lines.addAll(verdict.ingress().explain());
        warnings.forEach(w -> lines.add("warning: " + w));
        return lines;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", allowed() ? "allow" : "deny");
        m.put("from", end(verdict.from().toString(), verdict.sourceAddress()));
        m.put("to", end(verdict.to().toString(), verdict.destinationAddress()));
        m.put("port", portNumber);
        m.put("port_name", port.name());
        m.put("protocol", verdict.protocol());
        m.put("node", node.name());
        m.put("egress", direction(verdict.egress()));
        m.put("ingress", direction(verdict.ingress()));
        m.put("warnings", warnings);
        m.put("explanation", lines());
        return m;
    }

    private static Map<String, Object> end(String peer, InetAddress address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", peer);
        m.put("address", address == null ? null : address.getHostAddress());
        return m;
    }

    private static Map<String, Object> direction(DirectionVerdict d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", d.subject());
        m.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
        m.put("allows", d.allows());
        m.put("summary", d.headline());
        List<Object> policies = new ArrayList<>();
        for (PolicyEvaluation e : d.policies()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("policy", e.policy());
            p.put("rules", e.rules());
            p.put("matches", e.match().isPresent());
            if (e.match().isPresent()) {
                RuleMatch r = e.match().get();
                p.put("rule", r.rule());
                p.put("peer", r.peer());
                p.put("peer_text", r.peerText());
                p.put("port_entry", r.port());
                p.put("port_text", r.portText());
            }
            p.put("text", e.describe(d.direction()));
            policies.add(p);
        }
        m.put("policies", policies);
        return m;
    }
}
