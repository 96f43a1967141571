package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ScenarioLoaderTest {

    /** Tests run in the module directory; the example lives at the repository root. */
    private static final Path EXAMPLE = Path.of("..", "examples", "sandbox");

    @Test
    void theExampleScenarioIsConsistent() throws IOException {
        Scenario s = ScenarioLoader.load(EXAMPLE);

        assertThat(s.warnings()).isEmpty();
        Set<String> pods = s.objects().stream().filter(Pod.class::isInstance).map(o -> ObjectRef.of(o).toString())
                .collect(Collectors.toSet());
        Set<String> services = s.objects().stream().filter(Service.class::isInstance)
                .map(o -> ObjectRef.of(o).toString()).collect(Collectors.toSet());
        assertThat(s.probes().probes()).isNotEmpty();
        for (Probe p : s.probes().probes()) {
            if (p.from() instanceof ProbeSource.FromPod fp) {
                assertThat(pods).as(p.name()).contains(fp.pod().toString());
            }
            switch (p.to()) {
                case ProbeTarget.ToPod tp -> assertThat(pods).as(p.name()).contains(tp.pod().toString());
                case ProbeTarget.ToService ts -> assertThat(services).as(p.name()).contains(ts.service().toString());
                default -> { }
            }
            Set<String> names = switch (p.expect()) {
                case Expectation.Backends b -> b.names();
                case Expectation.OneOf o -> o.names();
                default -> Set.of();
            };
            assertThat(pods).as(p.name()).containsAll(names);
        }
        ClusterState cluster = new ClusterState(s.probes().nodeZone());
        cluster.applyAll(s.objects());
        assertThat(cluster.desiredObjects()).isNotEmpty();
    }

    @Test
    void readsMultiDocumentFilesInNameOrderAndSkipsUnsupportedKinds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.yml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: s2}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm}
                """);
        Files.writeString(dir.resolve("a.yaml"), """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Service, metadata: {name: s1}}
                """);
        Files.writeString(dir.resolve("probes.yaml"), "agentArgs: [--x]\n");
        Files.writeString(dir.resolve("notes.txt"), "not yaml");

        Scenario s = ScenarioLoader.load(dir);
        assertThat(s.objects()).extracting(HasMetadata::getMetadata).extracting(m -> m.getName())
                .containsExactly("s1", "s2");
        assertThat(s.warnings()).singleElement().asString().contains("ConfigMap cm");
        assertThat(s.probes().agentArgs()).containsExactly("--x");
    }
}
