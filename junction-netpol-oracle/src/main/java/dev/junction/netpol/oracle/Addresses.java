package dev.junction.netpol.oracle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Strict IP literal parsing (never a DNS lookup): IPv4 as four dotted decimal octets, IPv6 in RFC 4291 text form
 * without a zone. {@link InetAddress#ofLiteral} alone would also take shortened IPv4 forms such as {@code 10.1}.
 */
final class Addresses {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Addresses() {}

    /** Parses an IP literal; throws {@link IllegalArgumentException} with the text when it is not one. */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.contains("%")) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
        try {
            if (text.contains(":")) {
                InetAddress a = InetAddress.ofLiteral(text);
                if (a instanceof Inet6Address) {
                    return a;
                }
            } else if (DOTTED_QUAD.matcher(text).matches()) {
                return InetAddress.ofLiteral(text);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the uniform message
        }
        throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
    }

    /** The shortest usual text of an address ({@code fd00::1}, not {@code fd00:0:0:0:0:0:0:1}). */
    static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
