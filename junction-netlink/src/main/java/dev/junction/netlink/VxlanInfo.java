package dev.junction.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the kernel reports about a VXLAN device.
 *
 * @param vni             the VXLAN network identifier
 * @param local           the source address of encapsulated packets, when set
 * @param port            the UDP destination port (4789 is IANA's; the kernel's default is 8472)
 * @param underlyingIndex the interface index of the underlying device, 0 for none
 * @param learning        whether the device learns remote MACs from received packets
 */
public record VxlanInfo(int vni, Optional<InetAddress> local, int port, int underlyingIndex, boolean learning) {
}
