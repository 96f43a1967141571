package dev.junction.bgp.wire;

/**
 * NOTIFICATION error codes and subcodes (RFC 4271 §4.5 and §6; IANA "BGP Error (Notification) Codes" and the
 * subcode registries), with the RFC that added each later value.
 */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    // Error codes, RFC 4271 §4.5 unless noted.
    public static final int MESSAGE_HEADER = 1;
    public static final int OPEN_MESSAGE = 2;
    public static final int UPDATE_MESSAGE = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM = 5;
    public static final int CEASE = 6;
    /** RFC 7313 §5. */
    public static final int ROUTE_REFRESH_MESSAGE = 7;
    /** RFC 9687. */
    public static final int SEND_HOLD_TIMER_EXPIRED = 8;

    /** Subcode 0 in every code: "Unspecific" (RFC 4271 §6.2 for OPEN; IANA for the others). */
    public static final int UNSPECIFIC = 0;

    // Message Header Error subcodes, RFC 4271 §6.1.
    public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
    public static final int BAD_MESSAGE_LENGTH = 2;
    public static final int BAD_MESSAGE_TYPE = 3;

    // OPEN Message Error subcodes, RFC 4271 §6.2 (5 is deprecated).
    public static final int UNSUPPORTED_VERSION_NUMBER = 1;
    public static final int BAD_PEER_AS = 2;
    public static final int BAD_BGP_IDENTIFIER = 3;
    public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    public static final int UNACCEPTABLE_HOLD_TIME = 6;
    /** RFC 5492 §5. */
    public static final int UNSUPPORTED_CAPABILITY = 7;
    /** RFC 9234 §4.2. */
    public static final int ROLE_MISMATCH = 8;

    // UPDATE Message Error subcodes, RFC 4271 §6.3 (7, AS Routing Loop, is deprecated).
    public static final int MALFORMED_ATTRIBUTE_LIST = 1;
    public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
    public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
    public static final int ATTRIBUTE_FLAGS_ERROR = 4;
    public static final int ATTRIBUTE_LENGTH_ERROR = 5;
    public static final int INVALID_ORIGIN_ATTRIBUTE = 6;
    public static final int INVALID_NEXT_HOP_ATTRIBUTE = 8;
    public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
    public static final int INVALID_NETWORK_FIELD = 10;
    public static final int MALFORMED_AS_PATH = 11;

    // FSM Error subcodes, RFC 6608 §3.
    public static final int FSM_UNEXPECTED_IN_OPEN_SENT = 1;
    public static final int FSM_UNEXPECTED_IN_OPEN_CONFIRM = 2;
    public static final int FSM_UNEXPECTED_IN_ESTABLISHED = 3;

    // Cease subcodes, RFC 4486 §4 unless noted.
    public static final int CEASE_MAX_PREFIXES = 1;
    public static final int CEASE_ADMINISTRATIVE_SHUTDOWN = 2;
    public static final int CEASE_PEER_DECONFIGURED = 3;
    public static final int CEASE_ADMINISTRATIVE_RESET = 4;
    public static final int CEASE_CONNECTION_REJECTED = 5;
    public static final int CEASE_OTHER_CONFIGURATION_CHANGE = 6;
    public static final int CEASE_CONNECTION_COLLISION = 7;
    public static final int CEASE_OUT_OF_RESOURCES = 8;
    /** RFC 8538 §3. */
    public static final int CEASE_HARD_RESET = 9;
    /** RFC 9384. */
    public static final int CEASE_BFD_DOWN = 10;

    // ROUTE-REFRESH Message Error subcodes, RFC 7313 §5.
    public static final int INVALID_MESSAGE_LENGTH = 1;
}
