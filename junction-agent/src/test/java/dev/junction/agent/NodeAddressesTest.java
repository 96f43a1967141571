package dev.junction.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** --nodeport-addresses: "primary" takes the Node's first address of each family. */
@Tag("unit")
class NodeAddressesTest {
    private static final Node NODE = new Node("n1", Map.of(),
            List.of(Ip.of("192.168.0.2"), Ip.of("192.168.0.3"), Ip.of("fd00::2")), List.of(Cidr.of("10.244.0.0/24")), false);

    @Test
    void primaryIsTheFirstAddressOfEachFamily() {
        assertThat(new NodeAddresses(List.of("primary")).resolve(Optional.of(NODE)))
                .containsExactly(Ip.of("192.168.0.2"), Ip.of("fd00::2"));
    }

    @Test
    void aCidrThatNoLocalAddressMatchesAddsNothing() {
        assertThat(new NodeAddresses(List.of("primary", "198.18.255.0/24")).resolve(Optional.of(NODE)))
                .containsExactly(Ip.of("192.168.0.2"), Ip.of("fd00::2"));
    }

    @Test
    void aBadCidrNamesTheFlag() {
        assertThatThrownBy(() -> new NodeAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("--nodeport-addresses");
    }
}
