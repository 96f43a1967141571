package dev.junction.bgp.rib;

import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One peer's part of the RIB: its Adj-RIB-In and Adj-RIB-Out, its policies, and while its session is Established
 * the export target and the changes not yet sent.
 */
public final class PeerRib {
    Source source;
    Policy importPolicy;
    Policy exportPolicy;
    final AdjRibIn in = new AdjRibIn();
    final AdjRibOut out = new AdjRibOut();
    /** Null while the session is down: nothing is exported. */
    ExportRules.Target target;
    /** Families the session carries. */
    final Set<AfiSafi> families = new HashSet<>();
    final Map<Prefix, AdjRibOut.Change> pending = new LinkedHashMap<>();

    PeerRib(Source source, Policy importPolicy, Policy exportPolicy) {
        this.source = source;
        this.importPolicy = importPolicy;
        this.exportPolicy = exportPolicy;
    }

    public Source source() {
        return source;
    }

    public AdjRibIn adjRibIn() {
        return in;
    }

    public AdjRibOut adjRibOut() {
        return out;
    }

    public boolean up() {
        return target != null;
    }
}
