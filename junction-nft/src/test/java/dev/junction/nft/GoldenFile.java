package dev.junction.nft;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares text with a file under {@code src/test/resources/golden/}. Run with {@code -Dgolden.update=true} to
 * rewrite the file from the actual text (then review the change like code); a missing file is written and the
 * test fails, so a new golden file is never accepted unread.
 */
public final class GoldenFile {
    private static final int CONTEXT = 3;

    private GoldenFile() {}

    public static void assertMatches(String name, String actual) throws IOException {
        Path file = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden", name);
        boolean update = Boolean.getBoolean("golden.update");
        if (update || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            if (!update) {
                fail("golden file " + file + " did not exist and was written: review it and run again");
            }
            return;
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("differs from golden file " + file + " (rerun with -Dgolden.update=true to accept)\n"
                    + diff(expected.lines().toList(), actual.lines().toList()));
        }
    }

    /** A unified-style diff: changed lines with {@value #CONTEXT} lines of context, hunks headed by @@. */
    public static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>(); // " x", "-x", "+x"
        List<int[]> pos = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add(" " + a.get(i));
                pos.add(new int[] {++i, ++j});
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                script.add("-" + a.get(i));
                pos.add(new int[] {++i, j});
            } else {
                script.add("+" + b.get(j));
                pos.add(new int[] {i, ++j});
            }
        }
        StringBuilder out = new StringBuilder("--- golden\n+++ actual\n");
        int last = -1;
        for (int k = 0; k < script.size(); k++) {
            if (script.get(k).charAt(0) == ' ') {
                continue;
            }
            int from = Math.max(Math.max(0, k - CONTEXT), last + 1);
            int to = k;
            while (to + 1 < script.size() && (script.get(to + 1).charAt(0) != ' ' || nearChange(script, to + 1))) {
                to++;
            }
            to = Math.min(script.size() - 1, to + CONTEXT);
            if (from > last + 1 || last < 0) {
                out.append("@@ golden line ").append(pos.get(from)[0]).append(", actual line ").append(pos.get(from)[1])
                        .append(" @@\n");
            }
            for (int x = from; x <= to; x++) {
                out.append(script.get(x)).append('\n');
            }
            last = to;
            k = to;
        }
        return out.toString();
    }

    /** Whether a change follows within 2 * CONTEXT lines, so that two hunks merge into one. */
    private static boolean nearChange(List<String> script, int k) {
        for (int x = k; x < Math.min(script.size(), k + 2 * CONTEXT); x++) {
            if (script.get(x).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }
}
