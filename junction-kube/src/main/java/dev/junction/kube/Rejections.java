package dev.junction.kube;

/**
 * Where sources report objects they could not use. The agent implements it to log and count (a metric per kind);
 * {@link LoggingRejections} logs through SLF4J. Implementations are called from informer and poller threads, so
 * they must be thread-safe, cheap, and must not throw.
 *
 * <p>{@code kind} is the Kubernetes kind ({@value #SERVICE}, {@value #ENDPOINT_SLICE}, {@value #NODE}, and for the
 * firewall {@value #POD}, {@value #NAMESPACE}, {@value #NETWORK_POLICY}) or {@value #MANIFEST} for a manifest file
 * that could not be read; {@code namespace} is empty for cluster-scoped objects and files.
 */
public interface Rejections {
    String SERVICE = "Service";
    String ENDPOINT_SLICE = "EndpointSlice";
    String NODE = "Node";
    String POD = "Pod";
    String NAMESPACE = "Namespace";
    String NETWORK_POLICY = "NetworkPolicy";
    /** A file of a manifest folder; {@code name} is its file name. */
    String MANIFEST = "Manifest";

    /** The object (or file) is invalid and was not applied; the last valid version, if any, stays in force. */
    void rejected(String kind, String namespace, String name, String reason);

    /** The object was applied without the part {@code warning} names (an externalIP, an endpoint). */
    void warned(String kind, String namespace, String name, String warning);

    /** Handling the object failed with an unexpected exception (a bug); nothing was applied for this event. */
    void failed(String kind, String namespace, String name, Throwable error);
}
