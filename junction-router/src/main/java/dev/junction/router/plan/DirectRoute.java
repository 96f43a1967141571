package dev.junction.router.plan;

import dev.junction.bgp.wire.Prefix;
import java.net.InetAddress;

/** {@code ip route replace <dst> via <via>}: the next hop is on one of our subnets. */
public record DirectRoute(Prefix dst, InetAddress via) {
}
