package dev.junction.netlink;

import java.util.Optional;

/**
 * A network interface as the kernel reports it ({@code ip -d link}).
 *
 * @param index       the interface index
 * @param name        the interface name
 * @param kind        the IFLA_INFO_KIND, such as "bridge", "veth" or "vxlan"; empty for devices without one
 *                    (loopback, physical NICs)
 * @param mtu         the MTU
 * @param adminUp     whether the device is administratively up (IFF_UP)
 * @param operState   the operational state
 * @param masterIndex the index of the bridge (or other master) the device is enslaved to, 0 for none
 * @param mac         the link-layer address, when the device has one
 * @param vxlan       the VXLAN settings, for a vxlan device
 */
public record Link(int index, String name, String kind, int mtu, boolean adminUp, OperState operState,
                   int masterIndex, Optional<MacAddress> mac, Optional<VxlanInfo> vxlan) {
}
