package dev.junction.kube;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/** Which Node the agent runs on. */
public final class NodeNames {
    private NodeNames() {}

    /**
     * kube-router's order: {@code --hostname-override}, then env {@code NODE_NAME} (set from
     * {@code spec.nodeName} by the downward API in the DaemonSet), then the host name. The result is trimmed and
     * lower-cased as kube-proxy does: node names are DNS subdomains, host names may carry capitals.
     *
     * @throws IllegalStateException if all three are blank
     */
    public static String resolve(String hostnameOverride, String envNodeName, Supplier<String> hostname) {
        for (String candidate : new String[] {hostnameOverride, envNodeName}) {
            if (candidate != null && !candidate.isBlank()) {
                return normalise(candidate);
            }
        }
        String host = hostname.get();
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("no node name: set --hostname-override or NODE_NAME");
        }
        return normalise(host);
    }

    /** {@link #resolve(String, String, Supplier)} with the process environment and the kernel's host name. */
    public static String resolve(String hostnameOverride) {
        return resolve(hostnameOverride, System.getenv("NODE_NAME"), NodeNames::hostname);
    }

    /** The kernel's host name; {@link InetAddress} only as a fallback, since it may consult DNS. */
    static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"));
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException again) {
                return null;
            }
        }
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
