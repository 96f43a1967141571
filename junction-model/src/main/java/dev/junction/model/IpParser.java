package dev.junction.model;

/** Strict text parsing and RFC 5952 formatting of IP addresses, with no name resolution. */
final class IpParser {
    private IpParser() {}

    /** Four decimal octets without leading zeros (Kubernetes rejects them since 1.30); null if malformed. */
    static byte[] v4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && i - start < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
    }

    /** An IPv6 literal, with at most one "::" and an optional trailing dotted quad; null if malformed. */
    static byte[] v6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int k = 0; k < h.length; k++) {
            out[2 * k] = (byte) (h[k] >> 8);
            out[2 * k + 1] = (byte) h[k];
        }
        for (int k = 0; k < t.length; k++) {
            int g = 8 - t.length + k;
            out[2 * g] = (byte) (t[k] >> 8);
            out[2 * g + 1] = (byte) t[k];
        }
        return out;
    }

    /** Colon-separated hex groups; a last group may be a dotted quad (counts as two groups). */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] out = new int[parts.length + extra];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (k == parts.length - 1 && extra == 1) {
                byte[] q = v4(p);
                if (q == null) {
                    return null;
                }
                out[k] = ((q[0] & 0xff) << 8) | (q[1] & 0xff);
                out[k + 1] = ((q[2] & 0xff) << 8) | (q[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int c = 0; c < p.length(); c++) {
                int d = Character.digit(p.charAt(c), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[k] = v;
        }
        return out;
    }

    static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
    static String format(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
