package dev.junction.netlink;

import java.util.HexFormat;

/** Golden bytes written as annotated hex: {@code #} starts a comment to the end of the line; whitespace and {@code |} are ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String annotated) {
        return HexFormat.of().parseHex(annotated.replaceAll("#[^\n]*", "").replaceAll("[\\s|]", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
