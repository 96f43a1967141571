package dev.junction.kube;

import static dev.junction.kube.Fields.blank;
import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a fabric8 Node into the model's {@link Node}. A Node is written by the kubelet and the node controller,
 * not by users, so nothing in it rejects the node: an address or pod CIDR that does not parse is dropped with a
 * warning. Only a missing name rejects it.
 */
public final class NodeConverter {
    /** The taint the cluster autoscaler puts on a node it is about to delete (KEP-3836 drains such nodes). */
    public static final String AUTOSCALER_DELETE_TAINT = "ToBeDeletedByClusterAutoscaler";

    /** Never throws for a non-null object, whatever its fields hold. */
    public Conversion<Node> convert(io.fabric8.kubernetes.api.model.Node n) {
        if (n.getMetadata() == null || blank(n.getMetadata().getName())) {
            return Conversion.rejected("metadata.name is missing");
        }
        List<String> warnings = new ArrayList<>();
        List<Ip> addresses = addresses(n, warnings);
        List<Cidr> podCidrs = podCidrs(n.getSpec(), warnings);
        boolean draining = n.getMetadata().getDeletionTimestamp() != null
                || (n.getSpec() != null && list(n.getSpec().getTaints()).stream()
                        .anyMatch(t -> t != null && AUTOSCALER_DELETE_TAINT.equals(t.getKey())));
        return Conversion.accepted(new Node(n.getMetadata().getName(), Fields.map(n.getMetadata().getLabels()),
                Fields.annotations(n.getMetadata(), warnings), addresses, podCidrs, draining), warnings);
    }

    /** InternalIP addresses first, then ExternalIP, each in API order: the first is the node's primary IP. */
    private static List<Ip> addresses(io.fabric8.kubernetes.api.model.Node n, List<String> warnings) {
        List<NodeAddress> raw = n.getStatus() == null ? List.of() : list(n.getStatus().getAddresses());
        Set<Ip> out = new LinkedHashSet<>();
        for (String type : List.of("InternalIP", "ExternalIP")) {
            for (int i = 0; i < raw.size(); i++) {
                NodeAddress a = raw.get(i);
                if (a == null || !type.equals(a.getType())) {
                    continue;
                }
                Ip ip = Ip.parse(a.getAddress()).orElse(null);
                if (ip == null) {
                    warnings.add("status.addresses[" + i + "].address: " + quote(a.getAddress())
                            + " is not an IP address; dropped");
                } else {
                    out.add(ip);
                }
            }
        }
        return List.copyOf(out);
    }

    /** spec.podCIDRs, or spec.podCIDR on clusters that predate dual-stack. */
    private static List<Cidr> podCidrs(NodeSpec spec, List<String> warnings) {
        if (spec == null) {
            return List.of();
        }
        boolean fromList = !list(spec.getPodCIDRs()).isEmpty();
        List<String> raw = fromList ? spec.getPodCIDRs() : blank(spec.getPodCIDR()) ? List.of() : List.of(spec.getPodCIDR());
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String text = raw.get(i);
            Cidr c = text == null || text.indexOf('/') < 0 ? null : Cidr.parse(text.strip()).orElse(null);
            if (c == null) {
                warnings.add((fromList ? "spec.podCIDRs[" + i + "]" : "spec.podCIDR") + ": " + quote(text)
                        + " is not a CIDR; dropped");
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
