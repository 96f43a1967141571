package dev.junction.nft;

/**
 * Why {@link FakeNft} refused an operation, worded like the kernel's errno text so that assertions and logs
 * read the same for the fake and for real nft ("No such file or directory", "Device or resource busy", ...).
 */
final class FakeRejection extends RuntimeException {
    static final String ENOENT = "No such file or directory";
    static final String EEXIST = "File exists";
    static final String EBUSY = "Device or resource busy";
    static final String EOPNOTSUPP = "Operation not supported";
    static final String EINVAL = "Invalid argument";
    static final String EMLINK = "Too many links";
    static final String SYNTAX = "syntax error";

    private final String reason;

    FakeRejection(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    /** The errno-like part, e.g. {@link #ENOENT}. */
    String reason() {
        return reason;
    }
}
