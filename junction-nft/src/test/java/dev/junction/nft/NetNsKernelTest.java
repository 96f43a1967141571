package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Namespaces really isolate nftables; nothing here may touch the root namespace's ruleset. */
@Tag("kernel")
@ExtendWith(TestNetns.Extension.class)
class NetNsKernelTest {
    private static final TableRef PROBE = new TableRef(Family.IP, "jprobe");

    private static String rootTables() throws Exception {
        return TestNetns.run(List.of("nft", "list", "tables")); // read only
    }

    @Test
    void libNftInsideCallTalksToTheNamespaceOnly(TestNetns ns) throws Exception {
        assumeTrue(LibNft.available());
        String rootBefore = rootTables();
        TableState state = ns.call(() -> {
            try (LibNft nft = new LibNft()) {
                nft.apply(new Transaction(PROBE).addTable().addChain("c"));
                return nft.list(PROBE).orElseThrow();
            }
        });
        assertThat(state.chains()).containsExactly("c");
        assertThat(ns.nft("list", "tables")).contains("table ip jprobe");
        assertThat(rootTables()).doesNotContain("jprobe").isEqualTo(rootBefore);
        try (LibNft root = LibNft.available() ? new LibNft() : null) {
            assertThat(root.list(PROBE)).as("the root namespace has no such table").isEmpty();
        }
    }

    @Test
    void processesStartedInsideCallInheritTheNamespace(TestNetns ns) throws Exception {
        String rootBefore = rootTables();
        ns.call(() -> {
            new ExecNft().apply(new Transaction(PROBE).addTable());
            return null;
        });
        assertThat(ns.nft("list", "tables")).contains("table ip jprobe");
        assertThat(rootTables()).isEqualTo(rootBefore);
    }

    @Test
    void twoNamespacesAreSeparate(TestNetns a, TestNetns b) throws Exception {
        assumeTrue(LibNft.available());
        a.call(() -> {
            try (LibNft nft = new LibNft()) {
                nft.apply(new Transaction(PROBE).addTable().addChain("in-a"));
            }
            return null;
        });
        Object inB = b.call(() -> {
            try (LibNft nft = new LibNft()) {
                return nft.list(PROBE);
            }
        });
        assertThat(inB).isEqualTo(java.util.Optional.empty());
    }

    @Test
    void callReturnsTheResultAndRethrowsTheTaskException(TestNetns ns) throws Exception {
        assertThat(ns.call(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> ns.call(() -> {
            throw new IOException("boom");
        })).isInstanceOf(IOException.class).hasMessage("boom");
        assertThat(ns.call(() -> Thread.currentThread().isVirtual())).isFalse();
    }

    @Test
    void enteringAMissingNamespaceFailsWithErrno() {
        assertThatThrownBy(() -> NetNs.call("jt-missing-" + ProcessHandle.current().pid(), () -> 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("errno 2");
    }

    @Test
    void createAndDelete() throws Exception {
        String name;
        try (TestNetns ns = TestNetns.create()) {
            name = ns.name();
            assertThat(NetNs.exists(name)).isTrue();
            assertThatThrownBy(() -> NetNs.add(name)).isInstanceOf(IOException.class);
        }
        assertThat(NetNs.exists(name)).isFalse();
        NetNs.delete(name); // deleting a missing namespace is a no-op
        assertThatThrownBy(() -> NetNs.add("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
