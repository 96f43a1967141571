package dev.junction.router.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text against {@code src/test/resources/golden/<name>}; {@code -Dgolden.update=true} rewrites the file (review the
 * diff like code), and a missing file is written and fails the test, so no golden file is accepted unread.
 */
final class GoldenFile {
    private GoldenFile() {}

    static void assertMatches(String name, String actual) throws IOException {
        Path file = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden", name);
        boolean update = Boolean.getBoolean("golden.update");
        if (update || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            if (!update) fail("golden file " + file + " did not exist and was written: review it and run again");
            return;
        }
        assertThat(actual).as("golden file " + file + " (rerun with -Dgolden.update=true to accept)")
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
