package dev.junction.agent.router;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.router.plan.OverlayMode;
import dev.junction.router.plan.RouterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The node-local side of pod networking that follows the Node table: the CNI file and bridge
 * ({@link CniSetup}, optional) and the egress masquerade ({@link PodEgress}, optional). A failure is logged and
 * retried at the next sync; it never stops the routing.
 */
public final class PodNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);

    private final CniSetup cni;
    private final PodEgress egress;
    private final OverlayMode overlay;

    /** Either part may be null (its flag is off). */
    public PodNetwork(CniSetup cni, PodEgress egress, OverlayMode overlay) {
        this.cni = cni;
        this.egress = egress;
        this.overlay = overlay;
    }

    void apply(RouterNode self, List<RouterNode> all) {
        InetAddress address = self.ipv4().map(a -> (InetAddress) a).orElse(self.ipv6().orElse(null));
        if (cni != null) {
            try {
                cni.apply(self.podCidrs(), address, overlay);
            } catch (Exception e) {
                LOG.warn("CNI setup: {}", e.getMessage());
            }
        }
        if (egress != null) {
            List<Cidr> pods = new ArrayList<>();
            List<Ip> nodes = new ArrayList<>();
            for (RouterNode n : all) {
                pods.addAll(n.podCidrs());
                n.ipv4().ifPresent(a -> nodes.add(Ip.parse(a.getHostAddress()).orElseThrow()));
            }
            try {
                egress.apply(pods, nodes);
            } catch (Exception e) {
                LOG.warn("pod egress masquerade: {}", e.getMessage());
            }
        }
    }
}
