/**
 * rtnetlink for Junction's routing controller, over the FFM API with no native library but libc.
 *
 * <p>{@link dev.junction.netlink.RtNetlink} is the entry point: one NETLINK_ROUTE socket, opened in the current
 * network namespace ({@code open()}) or in another one ({@code openIn(Path)}). The value types
 * ({@link dev.junction.netlink.Link}, {@link dev.junction.netlink.Address}, {@link dev.junction.netlink.Route},
 * {@link dev.junction.netlink.Neighbour}, {@link dev.junction.netlink.FdbEntry}, {@link dev.junction.netlink.Rule})
 * are records that a list call returns in the same shape a change call takes, so desired and actual state can be
 * compared with {@code equals}. Junction's routes carry {@link dev.junction.netlink.RouteProtocol#JUNCTION}.
 *
 * <p>Layout: {@code Libc} (syscalls), {@code NetlinkSocket} (the socket, namespace entry), {@code MessageWriter}
 * and {@code Attributes} (wire format), {@code Reply} (acks, errors, dumps), and one codec per object family.
 */
package dev.junction.netlink;
