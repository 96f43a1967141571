package dev.junction.netlink;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A VXLAN device to create. Learning is always off: remote VTEPs come from the FDB the controller writes
 * ({@link RtNetlink#appendFdb}), never from whatever packets arrive.
 *
 * @param name            the interface name (at most 15 bytes)
 * @param vni             the VXLAN network identifier (24 bits)
 * @param local           the source address of encapsulated packets
 * @param port            the UDP destination port, such as 4789
 * @param underlyingIndex the interface index of the underlying device, 0 for none
 * @param mtu             the device MTU, 0 for the kernel's choice (the underlying MTU minus the overhead)
 */
public record VxlanSpec(String name, int vni, InetAddress local, int port, int underlyingIndex, int mtu) {
    public VxlanSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(local, "local");
        if (vni < 0 || vni > 0xFFFFFF) throw new IllegalArgumentException("VNI " + vni + " is not 24 bits");
        if (port <= 0 || port > 0xFFFF) throw new IllegalArgumentException("UDP port " + port);
    }
}
