package dev.junction.router.plan;

import dev.junction.bgp.wire.Prefix;
import java.net.InetAddress;

/**
 * {@code dst} through the overlay to the node at {@code remote}: with one VXLAN device, {@code ip route replace <dst>
 * via <remote> dev <vxlan> onlink} plus that remote's FDB and neighbour entries (see {@link OverlayMac}).
 */
public record TunnelRoute(Prefix dst, InetAddress remote) {
}
