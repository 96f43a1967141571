package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ClusterAccessTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}
            users:
            - name: u
              user: {token: abc}
            contexts:
            - name: ctx
              context: {cluster: c, user: u}
            current-context: ctx
            """;

    @Test
    void readsTheKubeconfigAndLetsMasterOverrideItsServer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
        assertThat(ClusterAccess.config(file.toString(), null).getMasterUrl()).isEqualTo("https://10.0.0.1:6443/");
        var config = ClusterAccess.config(file.toString(), "https://192.0.2.1:6443");
        assertThat(config.getMasterUrl()).startsWith("https://192.0.2.1:6443");
    }

    @Test
    void refusesAMissingKubeconfig(@TempDir Path dir) {
        assertThatThrownBy(() -> ClusterAccess.config(dir.resolve("nope").toString(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void buildsAClientOnTheJdkHttpClient(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
        try (var client = ClusterAccess.connect(file.toString(), "")) {
            assertThat(client.getMasterUrl().toString()).startsWith("https://10.0.0.1:6443");
            assertThat(client.getHttpClient().getClass().getName()).contains("jdkhttp");
        }
    }
}
