package dev.junction.agent.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders probe results as a plain-text table (probe, expected, seen, result) and the summary line. */
public final class ResultTable {

    private static final int MAX_SEEN = 70;

    private ResultTable() {
    }

    public static String render(List<ProbeResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"probe", "expected", "seen", "result"});
        for (ProbeResult r : results) {
            String expected = r.probe().expect() + (r.probe().sourceIp() == SourceIpCheck.ANY ? ""
                    : ", source " + r.probe().sourceIp().name().toLowerCase(Locale.ROOT));
            rows.add(new String[] {r.probe().name(), expected, shorten(r.seen()),
                    r.passed() ? "ok" : "FAIL: " + r.detail()});
        }
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            out.append(pad(row[0], width[0])).append("  ").append(pad(row[1], width[1])).append("  ")
                    .append(pad(row[2], width[2])).append("  ").append(row[3]).append('\n');
            if (r == 0) {
                out.append("-".repeat(width[0] + width[1] + width[2] + 6 + 6)).append('\n');
            }
        }
        return out.toString();
    }

    /** The last line of a sandbox run: {@code sandbox: N passed, N failed}. */
    public static String summary(List<ProbeResult> results) {
        long passed = results.stream().filter(ProbeResult::passed).count();
        return "sandbox: " + passed + " passed, " + (results.size() - passed) + " failed";
    }

    private static String shorten(String s) {
        return s.length() <= MAX_SEEN ? s : s.substring(0, MAX_SEEN - 3) + "...";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
