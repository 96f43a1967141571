package dev.junction.nft;

/** An nftables address family, spelled as nft spells it. */
public enum Family {
    IP("ip"), IP6("ip6"), INET("inet"), BRIDGE("bridge");

    private final String nftName;

    Family(String nftName) {
        this.nftName = nftName;
    }

    /** The keyword nft uses for this family, e.g. {@code ip6}. */
    public String nftName() {
        return nftName;
    }
}
