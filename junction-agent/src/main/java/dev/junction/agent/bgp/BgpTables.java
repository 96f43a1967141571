package dev.junction.agent.bgp;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The readable tables of {@code junction bgp ...}, drawn from the admin endpoint's JSON (see {@link AdminViews}). */
final class BgpTables {
    private BgpTables() {
    }

    static void neighbors(JsonNode all, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "ADDRESS", "ASN", "STATE", "FOR", "RECEIVED", "BEST", "ADVERTISED", "LAST DOWN"});
        for (JsonNode n : all) {
            rows.add(new String[]{n.path("name").asText(), n.path("address").asText(), n.path("asn").asText(), n.path("state").asText(),
                    n.path("forSeconds").isNull() ? "-" : duration(n.path("forSeconds").asLong()),
                    n.path("received").asText() + (n.path("stale").asInt() > 0 ? " (" + n.path("stale").asInt() + " stale)" : ""),
                    n.path("best").asText(), n.path("advertised").asText(), text(n.path("lastDown"))});
        }
        print(rows, out);
    }

    static void rib(JsonNode all, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"", "PREFIX", "NEXT HOP", "FROM", "AS PATH", "LOCAL PREF", "MED", "ORIGIN", "COMMUNITIES"});
        for (JsonNode prefix : all) {
            boolean first = true;
            for (JsonNode p : prefix.path("paths")) {
                rows.add(pathRow(p.path("best").asBoolean() ? "*" : "", first ? prefix.path("prefix").asText() : "", p));
                first = false;
            }
        }
        print(rows, out);
        if (all.isEmpty()) out.println("(no routes)");
    }

    static void explain(JsonNode e, PrintWriter out) {
        JsonNode paths = e.path("paths");
        out.println(e.path("prefix").asText() + ": " + paths.size() + " candidate path(s)");
        if (paths.isEmpty()) return;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"", "NEXT HOP", "FROM", "AS PATH", "LOCAL PREF", "MED", "ORIGIN", "COMMUNITIES", "RESULT"});
        for (JsonNode p : paths) {
            String[] r = pathRow(p.path("best").asBoolean() ? "*" : "", null, p);
            String[] withResult = java.util.Arrays.copyOf(r, r.length + 1);
            withResult[r.length] = p.path("best").asBoolean() ? "best" : "lost at " + p.path("lostAt").asText();
            rows.add(withResult);
        }
        print(rows, out);
        out.println("Decision steps in order: " + String.join(", ", textList(e.path("steps"))));
    }

    /** Marker, [prefix,] next hop, from, path, local pref, MED, origin, communities. */
    private static String[] pathRow(String marker, String prefix, JsonNode p) {
        List<String> r = new ArrayList<>();
        r.add(marker);
        if (prefix != null) r.add(prefix);
        r.add(p.path("nextHop").asText());
        r.add(p.path("from").asText() + (p.path("from").asText().equals("local") ? "" : " (AS" + p.path("fromAsn").asText() + ")"));
        r.add(p.path("asPath").asText().isEmpty() ? "(empty)" : p.path("asPath").asText());
        r.add(text(p.path("localPref")));
        r.add(text(p.path("med")));
        r.add(p.path("origin").asText());
        r.add(String.join(" ", textList(p.path("communities"))));
        return r.toArray(String[]::new);
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "-" : n.asText();
    }

    static String duration(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m" + seconds % 60 + "s";
        if (seconds < 86_400) return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
        return seconds / 86_400 + "d" + seconds % 86_400 / 3600 + "h";
    }

    private static void print(List<String[]> rows, PrintWriter out) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                b.append(r[i]);
                if (i < cols - 1) b.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
