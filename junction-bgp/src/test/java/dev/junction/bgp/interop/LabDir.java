package dev.junction.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A test's scratch directory for configurations, sockets, pid files and logs; {@link #dumpLogs()} prints every
 * {@code *.log} when a test fails, {@link #close()} deletes the whole tree.
 */
final class LabDir implements AutoCloseable {
    final Path path;

    LabDir() throws IOException {
        path = Files.createTempDirectory("junction-bgp-interop");
        // FRR's daemons run as the user frr and must reach their sockets and configuration below this directory.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(path.resolve(name), text);
    }

    void dumpLogs() {
        try (Stream<Path> files = Files.walk(path)) {
            files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(p -> {
                try {
                    System.err.println("--- " + path.relativize(p) + "\n" + Files.readString(p));
                } catch (IOException e) {
                    System.err.println("--- " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("could not list " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
