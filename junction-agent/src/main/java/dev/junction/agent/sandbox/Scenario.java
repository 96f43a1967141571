package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario folder, read: its Kubernetes objects (file name order, then document order) and its probes.
 *
 * @param warnings objects that were skipped (unsupported kinds), for the user to see
 */
public record Scenario(Path dir, List<HasMetadata> objects, ProbesFile probes, List<String> warnings) {

    public Scenario {
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }
}
