package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each name below was tried with {@code nft add chain ip t NAME} under nft 1.0.6. */
@Tag("unit")
class NftNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"service-ULMVA6XW-ns1/svc1/tcp/p80", "endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
        "a.b_c-d", "_abc", ".abc", "x/y", "A", "raw", "nat", "filter", "service", "tcp-x"})
    void acceptedByNft(String name) {
        assertThat(NftNames.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x:y", "ns1/svc1:p80", "ipv6-fd00::1/128", "1abc", "-abc", "/abc", "abc$d", "a@b",
        "a b", "a%b", "a=b", "a+b", "a,b", "a*b", "a~b", "ab#c", "\"quoted\"", "fwd", "tcp", "accept", "ip",
        "counter", "missing", "all", "time", ""})
    void refusedByNft(String name) {
        assertThat(NftNames.isValid(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void atMost255Characters() {
        assertThat(NftNames.isValid("a".repeat(255))).isTrue();
        assertThat(NftNames.isValid("a".repeat(256))).isFalse();
    }
}
