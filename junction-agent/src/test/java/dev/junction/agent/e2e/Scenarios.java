package dev.junction.agent.e2e;

/** Small scenarios for the kernel tests, as manifest text. */
final class Scenarios {
    private Scenarios() {}

    /** t/client and t/web-1..3 (TCP 8080 "http", UDP 5353 "dns"); t/web at 10.96.0.10: 80/TCP and 53/UDP. */
    static String webWithThreePods() {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Pod
                metadata: {name: client, namespace: t, labels: {app: client}}
                spec: {containers: [{name: c, image: x}]}
                ---
                """);
        for (int i = 1; i <= 3; i++) {
            yaml.append("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web-%d, namespace: t, labels: {app: web}}
                    spec:
                      containers:
                      - name: c
                        image: x
                        ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 5353, protocol: UDP}]
                    ---
                    """.formatted(i));
        }
        yaml.append("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: t}
                spec:
                  clusterIP: 10.96.0.10
                  selector: {app: web}
                  ports:
                  - {name: http, port: 80, targetPort: http}
                  - {name: dns, port: 53, targetPort: dns, protocol: UDP}
                """);
        return yaml.toString();
    }
}
