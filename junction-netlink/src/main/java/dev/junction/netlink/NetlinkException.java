package dev.junction.netlink;

import java.io.IOException;
import java.util.Optional;

/**
 * A netlink request the kernel refused, or a socket call that failed: the errno, what was asked, and the
 * kernel's extended-ack text when it sent one (for example "Nexthop has invalid gateway").
 *
 * <p>The message reads {@code <request>: <strerror> (errno N): <kernel text>}, so logging it is enough to
 * see what went wrong without decoding anything.
 */
public final class NetlinkException extends IOException {
    private final String request;
    private final int errno;
    private final String kernelMessage;

    /**
     * @param request       what was asked, such as {@code "add route 10.1.0.0/24 via 192.0.2.1 dev 3"}
     * @param errno         the positive errno (EEXIST is 17)
     * @param kernelMessage the kernel's NLMSGERR_ATTR_MSG, or null when it sent none
     */
    public NetlinkException(String request, int errno, String kernelMessage) {
        super(text(request, errno, kernelMessage));
        this.request = request;
        this.errno = errno;
        this.kernelMessage = kernelMessage == null || kernelMessage.isEmpty() ? null : kernelMessage;
    }

    private static String text(String request, int errno, String kernelMessage) {
        String s = request + ": " + Libc.strerror(errno) + " (errno " + errno + ")";
        return kernelMessage == null || kernelMessage.isEmpty() ? s : s + ": " + kernelMessage;
    }

    /** The positive errno, such as 17 for EEXIST or 19 for ENODEV. */
    public int errno() {
        return errno;
    }

    /** What was asked, in {@code ip}-like words. */
    public String request() {
        return request;
    }

    /** The kernel's extended-ack message, when it sent one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }
}
