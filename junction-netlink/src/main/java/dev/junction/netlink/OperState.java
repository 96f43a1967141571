package dev.junction.netlink;

/** RFC 2863 operational state of a link, as IFLA_OPERSTATE reports it ({@code ip link}'s "state"). */
public enum OperState {
    UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

    static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
