package dev.junction.firewall;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares text with a file under {@code src/test/resources/golden/}. {@code -Dgolden.update=true} rewrites the file
 * from the actual text (review the change like code); a missing file is written and the test fails, so a new golden
 * file is never accepted unread.
 */
final class GoldenFile {
    private GoldenFile() {}

    static void assertMatches(String name, String actual) throws IOException {
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

    /** The lines only one side has, in order of the longest common subsequence ("-" golden, "+" actual). */
    static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("-" + (i + 1) + ": " + a.get(i++));
            } else {
                out.add("+" + (j + 1) + ": " + b.get(j++));
            }
        }
        return String.join("\n", out);
    }
}
