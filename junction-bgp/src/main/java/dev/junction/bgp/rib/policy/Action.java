package dev.junction.bgp.rib.policy;

import java.util.List;

/** What a matching policy term does to the route. */
public sealed interface Action {
    /** Drop the route (on import: as if never received; on export: withdraw or never announce). */
    record Reject() implements Action {
    }

    /** Accept unchanged; the default when a term lists only modifications. */
    record Accept() implements Action {
    }

    /** Set LOCAL_PREF (RFC 4271 §5.1.5): the degree of preference for our AS. */
    record SetLocalPref(long value) implements Action {
    }

    /** Set MULTI_EXIT_DISC (RFC 4271 §5.1.4). */
    record SetMed(long value) implements Action {
    }

    /** Replace COMMUNITIES (RFC 1997); an empty list removes the attribute. */
    record SetCommunities(List<Long> values) implements Action {
        public SetCommunities {
            values = List.copyOf(values);
        }
    }

    /** Add communities not yet present (RFC 1997). */
    record AddCommunities(List<Long> values) implements Action {
        public AddCommunities {
            values = List.copyOf(values);
        }
    }

    /** Prepend {@code asn} (0 = our own AS) {@code times} times to AS_PATH; on export, after our own prepend. */
    record PrependAs(long asn, int times) implements Action {
        public PrependAs {
            if (times < 1 || times > 32) throw new IllegalArgumentException("prepend 1..32 times");
        }
    }

    /** Use our own address as NEXT_HOP (export only; RFC 4271 §5.1.3 "explicitly configured"). */
    record NextHopSelf() implements Action {
    }
}
