package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.junction.nft.StrictnessCases.T;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract through the nft binary with an {@code ip netns exec} prefix. */
@Tag("kernel")
class ExecNftKernelTest extends NftContractTest {

    @Override
    void withNft(TestNetns ns, Body body) throws Exception {
        body.run(ns.execNft());
    }

    @Test
    void missingNamespaceOrBinaryIsAnNftException() {
        assertThatThrownBy(() -> ExecNft.inNamespace("jt-missing-" + ProcessHandle.current().pid())
                .apply(new Transaction(T).addTable())).isInstanceOf(NftException.class);
        assertThatThrownBy(() -> new ExecNft(List.of(), "/nonexistent/nft").list(T))
                .isInstanceOf(NftException.class);
    }
}
