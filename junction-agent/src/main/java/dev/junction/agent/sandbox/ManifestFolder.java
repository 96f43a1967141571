package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder the agent watches ({@code --manifests}): one YAML file per object, named
 * {@code <kind>_<namespace>_<name>.yaml}. {@link #sync} makes the folder hold exactly the given objects: only
 * changed files are rewritten, each through a hidden temp file and an atomic rename so the agent never reads a
 * half-written file, and files of objects that are gone are deleted.
 */
public final class ManifestFolder {

    private final Path dir;

    public ManifestFolder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Writes what changed, deletes what is gone; returns how many files were written or deleted. */
    public synchronized int sync(List<HasMetadata> objects) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            wanted.put(fileName(o), Serialization.asYaml(o));
        }
        int changes = 0;
        try {
            for (var e : wanted.entrySet()) {
                Path file = dir.resolve(e.getKey());
                if (!Files.exists(file) || !Files.readString(file).equals(e.getValue())) {
                    writeAtomically(file, e.getValue());
                    changes++;
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".yaml") && !wanted.containsKey(name)) {
                        Files.deleteIfExists(f);
                        changes++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing manifests to " + dir, e);
        }
        return changes;
    }

    static String fileName(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        String kind = o.getKind().toLowerCase(Locale.ROOT);
        return (ns == null ? kind : kind + "_" + ns) + "_" + o.getMetadata().getName() + ".yaml";
    }

    private void writeAtomically(Path file, String text) throws IOException {
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
