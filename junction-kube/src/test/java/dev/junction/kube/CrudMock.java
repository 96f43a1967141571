package dev.junction.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * fabric8's CRUD mock API server and a client for it, one per test. Used instead of the JUnit extension because
 * the mock's shutdown waits a fixed 10 s for its connections and, on a loaded machine, then fails the test that
 * just passed ("Unable to close MockWebServer"): a teardown timeout of the mock is no verdict on the code under
 * test, so it is logged and ignored here.
 */
final class CrudMock implements AutoCloseable {
    final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new KubernetesCrudDispatcher(), false);
    final KubernetesClient client;

    CrudMock() {
        server.init();
        client = server.createClient();
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            System.err.println("CrudMock: the mock API server did not shut down in time: " + e.getMessage());
        }
    }
}
