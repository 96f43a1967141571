package dev.junction.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One decode problem as a value: the RFC 7606 action, the NOTIFICATION that reports it (code, subcode, data as
 * RFC 4271 §6 prescribes), a human-readable reason with the RFC section, and for {@link ErrorAction#AFI_SAFI_DISABLE}
 * the affected AFI/SAFI (otherwise null). The NOTIFICATION is present for every action so that a stronger action
 * (RFC 7606 §5.2, or local policy) can still send it.
 */
public record DecodeError(ErrorAction action, int code, int subcode, byte[] data, String reason, AfiSafi family) {
    private static final byte[] NONE = new byte[0];

    public DecodeError {
        if (action == null || reason == null) throw new IllegalArgumentException("action and reason are required");
        data = data == null ? NONE : data.clone();
    }

    static DecodeError reset(int code, int subcode, byte[] data, String reason) {
        return new DecodeError(ErrorAction.SESSION_RESET, code, subcode, data, reason, null);
    }

    static DecodeError header(int subcode, byte[] data, String reason) {
        return reset(ErrorCodes.MESSAGE_HEADER, subcode, data, reason);
    }

    static DecodeError open(int subcode, byte[] data, String reason) {
        return reset(ErrorCodes.OPEN_MESSAGE, subcode, data, reason);
    }

    static DecodeError update(ErrorAction action, int subcode, byte[] data, String reason, AfiSafi family) {
        return new DecodeError(action, ErrorCodes.UPDATE_MESSAGE, subcode, data, reason, family);
    }

    /** The same problem handled with another action (RFC 7606 §5.2 escalation). */
    public DecodeError withAction(ErrorAction newAction, String why) {
        return new DecodeError(newAction, code, subcode, data, reason + "; " + why, family);
    }

    /** The NOTIFICATION a session reset sends for this problem. */
    public Notification toNotification() {
        return new Notification(code, subcode, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodeError e && e.action == action && e.code == code && e.subcode == subcode
                && Arrays.equals(e.data, data) && e.reason.equals(reason) && java.util.Objects.equals(e.family, family);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(action, code, subcode, Arrays.hashCode(data), reason, family);
    }

    @Override
    public String toString() {
        return action + " " + code + "/" + subcode + (data.length == 0 ? "" : " data=" + HexFormat.of().formatHex(data))
                + (family == null ? "" : " " + family) + ": " + reason;
    }
}
