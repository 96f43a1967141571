package dev.junction.router.plan;

import java.util.Optional;

/**
 * AS number rules. Usable: 1..4294967295 except 0 (RFC 7607), 23456 (AS_TRANS, RFC 6793), 65535 and 4294967295
 * (RFC 7300 last ASNs). The cluster ASN should also be private (64512..65534, 4200000000..4294967294, RFC 6996)
 * because the nodes' AS must not collide with a real one; as in kube-router that is advice, not a check, and peer
 * ASNs are only checked against the reserved values.
 */
public final class Asn {
    public static final long AS_TRANS = 23456;
    public static final long MAX = 0xFFFFFFFFL;

    private Asn() {}

    /** Why {@code asn} cannot be used, or empty if it can. */
    public static Optional<String> problem(long asn) {
        if (asn < 1 || asn > MAX) return Optional.of("AS " + asn + " is outside 1..4294967295");
        if (asn == AS_TRANS) return Optional.of("AS 23456 is AS_TRANS (RFC 6793), reserved");
        if (asn == 65535 || asn == MAX) return Optional.of("AS " + asn + " is reserved (RFC 7300)");
        return Optional.empty();
    }

    public static boolean isPrivate(long asn) {
        return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000L && asn <= 4294967294L);
    }

    /** A decimal ASN ("asplain", RFC 5396) that passes {@link #problem}; throws {@link IllegalArgumentException} with the reason. */
    static long parse(String text) {
        long v = Uint32.parse(text);
        problem(v).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return v;
    }
}
