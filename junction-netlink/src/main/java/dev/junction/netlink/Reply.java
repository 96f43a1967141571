package dev.junction.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the kernel's answer to one request, message by message, across as many datagrams as it takes.
 *
 * <p>A change (sent with NLM_F_ACK) ends with an NLMSG_ERROR whose error is 0, or a negative errno; a dump
 * ends with NLMSG_DONE. A dump whose messages carry NLM_F_DUMP_INTR saw the table change under it (the kernel
 * restarted its walk); it still completes, and {@link #interrupted()} tells the caller to ask again. Messages
 * of other sequence numbers (left over from an earlier request that timed out) are skipped.
 */
final class Reply {
    private final String request;
    private final int seq;
    private final List<NetlinkMessage> messages = new ArrayList<>();
    private boolean interrupted;
    private boolean complete;

    Reply(String request, int seq) {
        this.request = request;
        this.seq = seq;
    }

    /** Takes one message; returns true once the reply is complete. Throws when the kernel refused. */
    boolean accept(NetlinkMessage m) throws NetlinkException {
        if (complete || m.seq() != seq) return complete;
        if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) interrupted = true;
        switch (m.type()) {
            case Netlink.NLMSG_ERROR -> {
                int error = m.payload().getInt(0);
                complete = true;
                if (error != 0) throw new NetlinkException(request, -error, errorMessage(m));
            }
            case Netlink.NLMSG_DONE -> {
                complete = true;
                int error = m.payload().limit() >= 4 ? m.payload().getInt(0) : 0;
                if (error < 0) throw new NetlinkException(request, -error, extAck(m, 4));
            }
            case Netlink.NLMSG_NOOP, Netlink.NLMSG_OVERRUN -> {
            }
            default -> messages.add(m);
        }
        return complete;
    }

    List<NetlinkMessage> messages() {
        return messages;
    }

    boolean interrupted() {
        return interrupted;
    }

    /** After the errno of an NLMSG_ERROR comes the request's header (and its payload unless capped), then the TLVs. */
    private static String errorMessage(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (p.limit() < 4 + Netlink.HEADER_SIZE) return null;
        int echoed = (m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_SIZE : Netlink.align(p.getInt(4));
        return extAck(m, 4 + echoed);
    }

    private static String extAck(NetlinkMessage m, int offset) {
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0 || offset >= m.payload().limit()) return null;
        return Attributes.parse(m.payload(), offset).string(Netlink.NLMSGERR_ATTR_MSG).orElse(null);
    }
}
