package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.AsPath;
import dev.junction.bgp.wire.PathAttribute.NextHop;
import dev.junction.bgp.wire.PathAttribute.Origin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 4271 §6.3 leftmost-AS check, handled as RFC 7606 §7.2 recommends. Peer AS 65001. */
@Tag("unit")
class UpdateChecksTest {
    private static Update from(AsPath path) {
        return new Update(List.of(), List.of(Origin.IGP, path, NextHop.of("10.0.0.1")), List.of(Prefix.parse("10.0.0.0/8")));
    }

    @Test
    void acceptsAPathStartingWithThePeer() {
        assertThat(UpdateChecks.leftmostAs(from(AsPath.sequence(65001, 65002)), 65001)).isEmpty();
        assertThat(UpdateChecks.leftmostAs(new Update(List.of(Prefix.parse("10.0.0.0/8")), List.of(), List.of()), 65001)).isEmpty();
    }

    @Test
    void withdrawsOtherwise() {
        for (AsPath p : List.of(AsPath.sequence(65002, 65001), AsPath.EMPTY, new AsPath(List.of(AsPathSegment.set(65001))))) {
            assertThat(UpdateChecks.leftmostAs(from(p), 65001)).hasValueSatisfying(e -> {
                assertThat(e.action()).isEqualTo(ErrorAction.TREAT_AS_WITHDRAW);
                assertThat(e.subcode()).isEqualTo(ErrorCodes.MALFORMED_AS_PATH);
            });
        }
    }
}
