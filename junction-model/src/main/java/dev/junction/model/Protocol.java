package dev.junction.model;

import java.util.Optional;

/** The transport protocols a Service port may use. */
public enum Protocol {
    TCP, UDP, SCTP;

    /** The Kubernetes spelling ({@code TCP}); anything else is not a protocol Kubernetes accepts. */
    public static Optional<Protocol> parse(String s) {
        if (s == null) {
            return Optional.of(TCP); // the API server defaults an unset protocol to TCP
        }
        return switch (s) {
            case "TCP" -> Optional.of(TCP);
            case "UDP" -> Optional.of(UDP);
            case "SCTP" -> Optional.of(SCTP);
            default -> Optional.empty();
        };
    }

    /** The nft spelling ({@code tcp}). */
    public String nftName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
