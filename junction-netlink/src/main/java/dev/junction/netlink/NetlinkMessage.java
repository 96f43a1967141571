package dev.junction.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a netlink datagram: the header fields and the payload after the 16-byte header (a
 * little-endian-or-native view positioned at 0). A datagram holds one or more messages, each padded to four bytes.
 */
record NetlinkMessage(int type, int flags, int seq, int portId, ByteBuffer payload) {

    /** Splits a received datagram into its messages; a malformed length is an error, never skipped silently. */
    static List<NetlinkMessage> split(ByteBuffer datagram) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int pos = b.position();
        int end = b.limit();
        while (end - pos >= Netlink.HEADER_SIZE) {
            int length = b.getInt(pos);
            if (length < Netlink.HEADER_SIZE || length > end - pos) {
                throw new IllegalArgumentException("bad netlink message length " + length + " at " + pos + " of " + end);
            }
            int type = Short.toUnsignedInt(b.getShort(pos + 4));
            int flags = Short.toUnsignedInt(b.getShort(pos + 6));
            int seq = b.getInt(pos + 8);
            int portId = b.getInt(pos + 12);
            ByteBuffer payload = b.slice(pos + Netlink.HEADER_SIZE, length - Netlink.HEADER_SIZE).order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(type, flags, seq, portId, payload));
            pos += Netlink.align(length);
        }
        return out;
    }
}
