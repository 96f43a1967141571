package dev.junction.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the fabric8 client the way kube-router's flags describe: {@code --kubeconfig} if given, else fabric8's
 * auto-configuration (in-cluster service account when running in a pod, or {@code $KUBECONFIG} /
 * {@code ~/.kube/config}); {@code --master} then overrides the server URL of whichever was chosen.
 *
 * <p>The HTTP client is always the JDK's: no Netty, Vert.x or OkHttp at run time, and the choice must not
 * depend on what else happens to be on the class path (the test class path has Vert.x for the mock server).
 */
public final class ClusterAccess {
    private ClusterAccess() {}

    /**
     * @param kubeconfig path of a kubeconfig file, or null/empty for auto-configuration
     * @param master API server URL overriding the configuration's, or null/empty
     * @throws IllegalArgumentException if the kubeconfig file does not exist (a typo should fail at start, not
     *     fall back to another cluster)
     */
    public static KubernetesClient connect(String kubeconfig, String master) {
        return new KubernetesClientBuilder()
                .withConfig(config(kubeconfig, master))
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    static Config config(String kubeconfig, String master) {
        Config config;
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            Path path = Path.of(kubeconfig);
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": no such readable file");
            }
            config = Config.fromKubeconfig(path.toFile());
        } else {
            config = Config.autoConfigure(null);
        }
        if (master != null && !master.isBlank()) {
            config.setMasterUrl(master);
        }
        return config;
    }
}
