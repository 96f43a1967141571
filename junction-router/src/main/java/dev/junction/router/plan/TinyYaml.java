package dev.junction.router.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML subset that {@code kube-router.io/peers} needs, parsed strictly. A value is a {@code String}, a
 * {@code List<Object>} or a {@code Map<String, Object>}. Accepted:
 * <ul>
 *   <li>block sequences ({@code - item}) and block mappings ({@code key: value}), nested by indentation with spaces;
 *       a mapping's sequence value may sit at the key's own indentation</li>
 *   <li>flow sequences and mappings on one line ({@code [..]}, <code>{..}</code>), so JSON works too</li>
 *   <li>scalars: plain, {@code 'single'} ({@code ''} escapes a quote) or {@code "double"} quoted (escapes
 *       {@code \" \\ \/ \n \t}); every scalar stays text, the caller converts it</li>
 *   <li>comments ({@code #} at the start or after a space, outside quotes), blank lines, a leading {@code ---}</li>
 * </ul>
 * Anything else is an error: tabs in indentation, anchors, aliases, tags, block scalars ({@code |}, {@code >}),
 * multi-line scalars, duplicate keys, several documents. Error messages give a line number and never the line's
 * text, which may hold a password.
 */
final class TinyYaml {
    private record Line(int number, int indent, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private int next;

    private TinyYaml(String text) {
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = stripComment(raw[i], i + 1);
            if (s.isBlank()) continue;
            int indent = 0;
            while (indent < s.length() && s.charAt(indent) == ' ') indent++;
            if (s.charAt(indent) == '\t') throw error(i + 1, "tab in indentation");
            String t = s.strip();
            if (t.equals("---") && lines.isEmpty()) continue;
            lines.add(new Line(i + 1, indent, t));
        }
    }

    /** Parses one document; the empty document is an empty list. Throws {@link IllegalArgumentException}. */
    static Object parse(String text) {
        TinyYaml y = new TinyYaml(text);
        if (y.lines.isEmpty()) return List.of();
        Object value = y.node(y.lines.getFirst().indent);
        if (y.next < y.lines.size()) throw error(y.lines.get(y.next).number, "unexpected content (bad indentation?)");
        return value;
    }

    private Object node(int indent) {
        Line l = lines.get(next);
        if (l.indent != indent) throw error(l.number, "bad indentation");
        if (isSequenceItem(l.text)) return sequence(indent);
        if (keyEnd(l.text) >= 0) return mapping(indent);
        next++;
        return inlineValue(l.text, l.number);
    }

    private List<Object> sequence(int indent) {
        List<Object> out = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent == indent && isSequenceItem(lines.get(next).text)) {
            Line l = lines.get(next);
            String rest = l.text.substring(1).stripLeading();
            if (rest.isEmpty()) {
                next++;
                out.add(nested(indent, l.number));
            } else {
                // "- key: v" opens a mapping whose keys line up with "key": treat the item as its own line there.
                int column = indent + l.text.length() - rest.length();
                lines.set(next, new Line(l.number, column, rest));
                out.add(node(column));
            }
        }
        return out;
    }

    private Map<String, Object> mapping(int indent) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (next < lines.size() && lines.get(next).indent == indent && !isSequenceItem(lines.get(next).text)) {
            Line l = lines.get(next);
            int end = keyEnd(l.text);
            if (end < 0) throw error(l.number, "expected key: value");
            String key = key(l.text.substring(0, end).strip(), l.number);
            String rest = l.text.substring(end + 1).strip();
            next++;
            Object value;
            if (!rest.isEmpty()) {
                value = inlineValue(rest, l.number);
            } else if (next < lines.size() && lines.get(next).indent == indent && isSequenceItem(lines.get(next).text)) {
                value = sequence(indent);
            } else {
                value = nested(indent, l.number);
            }
            if (out.put(key, value) != null) throw error(l.number, "duplicate key " + key);
        }
        return out;
    }

    /** The more indented block after a line, or an empty scalar if there is none. */
    private Object nested(int indent, int number) {
        if (next < lines.size() && lines.get(next).indent > indent) return node(lines.get(next).indent);
        return "";
    }

    private static boolean isSequenceItem(String t) {
        return t.equals("-") || t.startsWith("- ");
    }

    /** Index of the colon ending a block key ({@code key:} then a space or the end), or -1. */
    private static int keyEnd(String t) {
        if (t.startsWith("[") || t.startsWith("{")) return -1;
        int i = 0;
        if (t.startsWith("\"") || t.startsWith("'")) {
            i = closingQuote(t, 0);
            if (i < 0) return -1;
            i++;
        }
        for (; i < t.length(); i++) {
            if (t.charAt(i) == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) return i;
        }
        return -1;
    }

    private static String key(String k, int number) {
        if (k.startsWith("\"") || k.startsWith("'")) return (String) new Flow(k, number).value();
        if (k.isEmpty()) throw error(number, "empty key");
        return k;
    }

    private static Object inlineValue(String text, int number) {
        char c = text.charAt(0);
        if (c == '|' || c == '>') throw error(number, "block scalars are not supported");
        if ("[{\"'&*!%@`".indexOf(c) < 0) {
            // A plain scalar in block context runs to the end of the line; commas and brackets are text there.
            if (text.contains(": ")) throw error(number, "a plain value cannot contain ': '");
            return text;
        }
        Flow f = new Flow(text, number);
        Object v = f.value();
        f.skipSpaces();
        if (!f.atEnd()) throw error(number, "unexpected text after a value");
        return v;
    }

    private static int closingQuote(String s, int open) {
        char q = s.charAt(open);
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (q == '"' && c == '\\') {
                i++;
            } else if (c == q) {
                if (q == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String stripComment(String s, int number) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (quote == '"' && c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                // A quote only opens a string at the start of a scalar, not inside a plain one (it's).
                if (i == 0 || " :,[{-".indexOf(s.charAt(i - 1)) >= 0) quote = c;
            } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ')) {
                return s.substring(0, i);
            }
        }
        if (quote != 0) throw error(number, "unterminated quoted string");
        return s;
    }

    static IllegalArgumentException error(int number, String why) {
        return new IllegalArgumentException("line " + number + ": " + why);
    }

    /** One line of flow content: quoted and plain scalars, {@code [..]} and <code>{..}</code>. */
    private static final class Flow {
        private final String s;
        private final int number;
        private int i;

        Flow(String s, int number) {
            this.s = s;
            this.number = number;
        }

        Object value() {
            skipSpaces();
            if (atEnd()) throw error(number, "missing value");
            char c = s.charAt(i);
            return switch (c) {
                case '[' -> list();
                case '{' -> map();
                case '"', '\'' -> quoted();
                case '&', '*', '!', '%', '@', '`' -> throw error(number, "anchors, aliases, tags and reserved indicators are not supported");
                default -> plain();
            };
        }

        private List<Object> list() {
            List<Object> out = new ArrayList<>();
            i++;
            skipSpaces();
            if (peek(']')) {
                i++;
                return out;
            }
            while (true) {
                out.add(value());
                skipSpaces();
                if (peek(',')) {
                    i++;
                } else if (peek(']')) {
                    i++;
                    return out;
                } else {
                    throw error(number, "expected , or ] in a flow sequence");
                }
            }
        }

        private Map<String, Object> map() {
            Map<String, Object> out = new LinkedHashMap<>();
            i++;
            skipSpaces();
            if (peek('}')) {
                i++;
                return out;
            }
            while (true) {
                skipSpaces();
                String key = atEnd() ? "" : s.charAt(i) == '"' || s.charAt(i) == '\'' ? quoted() : plainKey();
                if (key.isEmpty()) throw error(number, "empty key in a flow mapping");
                skipSpaces();
                if (!peek(':')) throw error(number, "expected : after a key");
                i++;
                Object v = value();
                if (out.put(key, v) != null) throw error(number, "duplicate key " + key);
                skipSpaces();
                if (peek(',')) {
                    i++;
                } else if (peek('}')) {
                    i++;
                    return out;
                } else {
                    throw error(number, "expected , or } in a flow mapping");
                }
            }
        }

        private String quoted() {
            int close = closingQuote(s, i);
            if (close < 0) throw error(number, "unterminated quoted string");
            String body = s.substring(i + 1, close);
            boolean dbl = s.charAt(i) == '"';
            i = close + 1;
            if (!dbl) return body.replace("''", "'");
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < body.length(); k++) {
                char c = body.charAt(k);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = body.charAt(++k);
                out.append(switch (e) {
                    case '"', '\\', '/' -> e;
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> throw error(number, "unsupported escape in a quoted string");
                });
            }
            return out.toString();
        }

        /** A plain scalar: up to a flow indicator or the end; a space-colon inside is the caller's problem. */
        private String plain() {
            int start = i;
            while (!atEnd() && ",]}".indexOf(s.charAt(i)) < 0) i++;
            String v = s.substring(start, i).strip();
            if (v.contains(": ") || v.endsWith(":")) throw error(number, "a plain value cannot contain ': '");
            return v;
        }

        private String plainKey() {
            int start = i;
            while (!atEnd() && ":,]}".indexOf(s.charAt(i)) < 0) i++;
            return s.substring(start, i).strip();
        }

        void skipSpaces() {
            while (!atEnd() && s.charAt(i) == ' ') i++;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        private boolean peek(char c) {
            return !atEnd() && s.charAt(i) == c;
        }
    }
}
