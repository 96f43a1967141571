package dev.junction.netlink;

import java.net.InetAddress;

/**
 * One connection tracking entry: its original tuple (as the client sent it) and its reply tuple (as the answer
 * comes back; after DNAT the reply source is the backend). Protocol numbers as in IP: 6 TCP, 17 UDP, 132 SCTP.
 */
public record ConntrackEntry(IpFamily family, int protocol, Tuple original, Tuple reply) {
    /** Addresses and ports of one direction. */
    public record Tuple(InetAddress source, InetAddress destination, int sourcePort, int destinationPort) {
        @Override
        public String toString() {
            return source.getHostAddress() + ":" + sourcePort + " -> " + destination.getHostAddress() + ":" + destinationPort;
        }
    }

    @Override
    public String toString() {
        return "proto " + protocol + " " + original + " (reply " + reply + ")";
    }
}
