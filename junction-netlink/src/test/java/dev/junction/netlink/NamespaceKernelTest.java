package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RtNetlink#openIn} works on the other namespace only and leaves the caller's thread where it was. */
@Tag("kernel")
class NamespaceKernelTest {
    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    @Test
    void socketStaysInItsNamespace() throws Exception {
        try (TestNamespace ns = TestNamespace.create(); RtNetlink root = RtNetlink.open()) {
            ns.netlink().createBridge("only-in-ns");
            assertThat(ns.netlink().links()).extracting(Link::name).containsExactlyInAnyOrder("lo", "only-in-ns");
            // Read only: the root namespace is never changed by these tests.
            assertThat(root.link("only-in-ns")).isEmpty();
            assertThat(ns.ip("-o", "link", "show", "only-in-ns")).contains("only-in-ns");
        }
    }

    @Test
    void missingNamespaceFileIsAnError() {
        assertThatThrownBy(() -> RtNetlink.openIn(Path.of("/var/run/netns/jnl-no-such-namespace")))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.getMessage()).contains("/var/run/netns/jnl-no-such-namespace");
                });
    }
}
