package dev.junction.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IPv6 literals: a strict parser (no zone ids, no brackets, never a name lookup) and glibc's
 * {@code inet_ntop} formatting, which is how nft prints addresses. Java's own
 * {@code Inet6Address.getHostAddress()} prints {@code fd00:0:0:0:0:0:0:1}, which would never match a listing.
 */
final class Ipv6Text {
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private Ipv6Text() {
    }

    /** Parses an IPv6 literal (with optional {@code ::} and trailing dotted IPv4) into eight 16-bit words. */
    static int[] parse(String s) {
        String err = "not an IPv6 address: " + s;
        int dc = s.indexOf("::");
        if (dc != s.lastIndexOf("::") || s.contains(":::")) {
            throw new IllegalArgumentException(err);
        }
        List<Integer> head = groups(dc < 0 ? s : s.substring(0, dc), err, dc < 0);
        List<Integer> tail = dc < 0 ? List.of() : groups(s.substring(dc + 2), err, true);
        int n = head.size() + tail.size();
        if (dc < 0 ? n != 8 : n > 7) {
            throw new IllegalArgumentException(err);
        }
        int[] w = new int[8];
        for (int i = 0; i < head.size(); i++) {
            w[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            w[8 - tail.size() + i] = tail.get(i);
        }
        return w;
    }

    private static List<Integer> groups(String s, String err, boolean ipv4AllowedLast) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] g = s.split(":", -1);
        for (int i = 0; i < g.length; i++) {
            if (i == g.length - 1 && ipv4AllowedLast && g[i].contains(".")) {
                String[] o = Canonical.ipv4(g[i]).split("\\.");
                out.add(Integer.parseInt(o[0]) << 8 | Integer.parseInt(o[1]));
                out.add(Integer.parseInt(o[2]) << 8 | Integer.parseInt(o[3]));
            } else if (HEX_GROUP.matcher(g[i]).matches()) {
                out.add(Integer.parseInt(g[i], 16));
            } else {
                throw new IllegalArgumentException(err);
            }
        }
        return out;
    }

    /** glibc's inet_ntop6, step by step, because that is what nft prints. */
    static String format(int[] w) {
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(w[6] >> 8).append('.').append(w[6] & 255).append('.')
                        .append(w[7] >> 8).append('.').append(w[7] & 255);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
