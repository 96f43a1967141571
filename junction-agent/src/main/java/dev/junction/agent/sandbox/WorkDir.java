package dev.junction.agent.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A sandbox's temporary directory: the python scripts (copied out of the class path so python3 inside a
 * namespace can run them), pod connection logs, the manifest folder and the agent log.
 */
final class WorkDir {

    private final Path root;

    WorkDir(String prefix) throws IOException {
        this.root = Files.createTempDirectory(prefix + "-");
    }

    Path root() {
        return root;
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    /** Copies {@code /sandbox/NAME} from the class path into the directory. */
    Path script(String name) throws IOException {
        Path target = root.resolve(name);
        try (InputStream in = WorkDir.class.getResourceAsStream("/sandbox/" + name)) {
            if (in == null) {
                throw new IOException("resource /sandbox/" + name + " missing from the class path");
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** Best effort: it is a temp directory. */
    void delete() {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leave it to the OS's tmp cleaning
        }
    }
}
