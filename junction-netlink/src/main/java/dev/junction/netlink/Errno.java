package dev.junction.netlink;

/** The errno values this module reacts to (the same on every Linux architecture). */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENETUNREACH = 101;

    private Errno() {
    }
}
