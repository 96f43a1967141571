package dev.junction.bgp.wire;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Hex text for golden messages: whitespace, {@code |} and {@code #} comments (to end of line) are ignored, and
 * the word {@code MARKER} stands for the 16 all-ones octets of the header (RFC 4271 §4.1).
 */
final class Hex {
    private Hex() {
    }

    static byte[] of(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            sb.append(line.replace("MARKER", "ff".repeat(16)).replaceAll("[\\s|]", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** A whole message: marker, length, type, body. */
    static byte[] message(int type, byte[] body) {
        int len = 19 + body.length;
        return concat(of("MARKER"), new byte[]{(byte) (len >>> 8), (byte) len, (byte) type}, body);
    }

    /** An UPDATE with the given raw fields and correct length fields. */
    static byte[] update(byte[] withdrawn, byte[] attributes, byte[] nlri) {
        return message(2, concat(u16(withdrawn.length), withdrawn, u16(attributes.length), attributes, nlri));
    }

    static byte[] update(String attributesHex, String nlriHex) {
        return update(new byte[0], of(attributesHex), of(nlriHex));
    }

    /** One attribute: flags, type, 1- or 2-octet length (by the Extended Length flag), value. */
    static byte[] attr(int flags, int type, String valueHex) {
        byte[] v = of(valueHex);
        byte[] len = (flags & 0x10) != 0 ? u16(v.length) : new byte[]{(byte) v.length};
        return concat(new byte[]{(byte) flags, (byte) type}, len, v);
    }

    static byte[] u16(int v) {
        return new byte[]{(byte) (v >>> 8), (byte) v};
    }
}
