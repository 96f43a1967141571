package dev.junction.router.plan;

/** Strict decimal parsing of annotation numbers: digits only, no sign, no leading zeros, no spaces inside. */
final class Uint32 {
    private Uint32() {}

    /** A value in 0..4294967295; throws {@link IllegalArgumentException} saying why not. */
    static long parse(String text) {
        return parse(text, 0xFFFFFFFFL);
    }

    static long parse(String text, long max) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + text + "\" is not a decimal number");
        }
        if (t.length() > 1 && t.charAt(0) == '0') throw new IllegalArgumentException("\"" + text + "\" has a leading zero");
        long v = Long.parseLong(t);
        if (v > max) throw new IllegalArgumentException(v + " is larger than " + max);
        return v;
    }
}
