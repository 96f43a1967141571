package dev.junction.nft;

import java.util.Objects;

/** One nftables table: a family and a name. Junction only ever touches tables it owns. */
public record TableRef(Family family, String name) {
    public TableRef {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
    }

    /** {@code ip junction}, as it appears in nft commands. */
    public String spec() {
        return family.nftName() + " " + name;
    }
}
