package dev.junction.model.policy;

import dev.junction.model.Cidr;
import java.util.List;

/** One entry of a rule's from/to list. */
public sealed interface PolicyPeer {

    /**
     * Pods: podSelector alone selects in the policy's namespace; namespaceSelector alone every pod of the matching
     * namespaces; both, the matching pods of the matching namespaces.
     *
     * @param podSelector null when absent
     * @param namespaceSelector null when absent
     */
    record Pods(LabelSelector podSelector, LabelSelector namespaceSelector) implements PolicyPeer {}

    /** Addresses in {@code cidr} but in none of {@code except}. */
    record IpBlock(Cidr cidr, List<Cidr> except) implements PolicyPeer {
        public IpBlock {
            except = List.copyOf(except);
        }
    }
}
