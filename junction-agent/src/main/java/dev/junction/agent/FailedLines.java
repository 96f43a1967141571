package dev.junction.agent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks the lines of a refused nft batch that the error names, so a log shows what failed and not 100 MB. */
final class FailedLines {
    private static final Pattern LOCATION = Pattern.compile("(?m)^[^:\\s]*:(\\d+):\\d+");
    private static final int CONTEXT = 3;
    private static final int MAX_LINES = 40;

    private FailedLines() {}

    static String around(String input, String error) {
        String[] lines = input.split("\n", -1);
        Matcher m = LOCATION.matcher(error == null ? "" : error);
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        while (m.find() && shown < MAX_LINES) {
            int line = Integer.parseInt(m.group(1));
            for (int i = Math.max(1, line - CONTEXT); i <= Math.min(lines.length, line + CONTEXT) && shown < MAX_LINES; i++) {
                sb.append(i == line ? ">> " : "   ").append(i).append(": ").append(lines[i - 1]).append('\n');
                shown++;
            }
        }
        if (shown == 0) {
            for (int i = 0; i < Math.min(lines.length, 10); i++) {
                sb.append("   ").append(i + 1).append(": ").append(lines[i]).append('\n');
            }
            if (lines.length > 10) {
                sb.append("   ... (").append(lines.length).append(" lines in all)\n");
            }
        }
        return sb.toString();
    }
}
