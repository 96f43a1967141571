package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.junction.nft.StrictnessCases.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract through libnftables, created and used on a thread inside the test namespace. */
@Tag("kernel")
class LibNftKernelTest extends NftContractTest {

    @Override
    void withNft(TestNetns ns, Body body) throws Exception {
        assumeTrue(LibNft.available(), "libnftables.so.1 not loadable");
        ns.call(() -> {
            try (LibNft nft = new LibNft()) {
                body.run(nft);
            }
            return null;
        });
    }

    @Test
    void anInstanceStaysInTheNamespaceItWasBuiltIn(TestNetns a, TestNetns b) throws Exception {
        assumeTrue(LibNft.available());
        LibNft builtInA = a.call(LibNft::new);
        try {
            // Used from a thread inside b (never from the root namespace, whatever happens).
            b.call(() -> {
                builtInA.apply(new Transaction(T).addTable().addChain("from-b"));
                return null;
            });
        } finally {
            builtInA.close();
        }
        assertThat(a.nft("list", "tables")).contains("table ip jtest");
        assertThat(b.nft("list", "tables")).doesNotContain("jtest");
    }

    @Test
    void closedContextRefusesUse(TestNetns ns) throws Exception {
        withNft(ns, nft -> {
            LibNft lib = new LibNft();
            lib.close();
            lib.close(); // idempotent
            assertThatThrownBy(() -> lib.apply(new Transaction(T).addTable())).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void errorBufferDoesNotLeakIntoTheNextRun(TestNetns ns) throws Exception {
        withNft(ns, nft -> {
            assertThatThrownBy(() -> nft.apply(new Transaction(T).deleteTable())).isInstanceOf(NftException.class);
            nft.apply(new Transaction(T).addTable());
            LibNft lib = (LibNft) nft;
            assertThat(lib.run("list tables", false)).contains("table ip jtest");
            assertThat(lib.run("list tables", true)).startsWith("{\"nftables\"");
        });
    }
}
