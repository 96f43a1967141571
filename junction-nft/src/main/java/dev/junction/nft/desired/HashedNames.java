package dev.junction.nft.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names of per-object nftables chains and sets: {@code <prefix><hash>-<readable key>}, kube-proxy's scheme. The
 * readable part tells an operator what a chain is for; the hash of the full key keeps names unique when the
 * readable part is cut to the length limit or sanitised (nft takes only letters, digits and {@code / - _ .}
 * in a bare name, and no quoting).
 */
public final class HashedNames {
    /** Well below the kernel's 256-byte limit on chain and set names. */
    static final int MAX_NAME = 200;

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private HashedNames() {}

    /** {@code prefix + HASH8 + "-" + key}, with characters nft does not accept in a bare name replaced. */
    public static String hashed(String prefix, String key) {
        String name = prefix + hash8(prefix + key) + "-" + sanitize(key);
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /** nft identifiers take letters, digits and {@code / - _ .}; ':' (IPv6) and anything else become '.'. */
    public static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '_' || c == '.';
            sb.append(ok ? c : '.');
        }
        return sb.toString();
    }

    /** The first 8 characters of base32(sha256(s)): 40 bits, plenty to keep a node's names apart. */
    public static String hash8(String s) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long v = 0;
        for (int i = 0; i < 5; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = BASE32[(int) (v & 31)];
            v >>>= 5;
        }
        return new String(out);
    }
}
