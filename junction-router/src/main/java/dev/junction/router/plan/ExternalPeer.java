package dev.junction.router.plan;

import java.net.InetAddress;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A BGP peer outside the cluster's node mesh, usually the top-of-rack router: from {@code --peer-router-*} (every
 * node peers with it) or from a node's {@code kube-router.io/peers} annotation (only that node does).
 *
 * @param address      the peer's address
 * @param asn          its AS; equal to ours makes it an iBGP peer
 * @param port         its BGP port
 * @param password     the TCP-MD5 key (RFC 2385) as plain text, already decoded from kube-router's base64
 * @param multihopTtl  the eBGP multihop TTL; used when ≥ 2, otherwise the peer is one hop away
 * @param localAddress our source address for the session; empty = our node address of the peer's family
 */
public record ExternalPeer(InetAddress address, long asn, int port, Optional<String> password, int multihopTtl,
                           Optional<InetAddress> localAddress) {
    public ExternalPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(localAddress, "localAddress");
        Asn.problem(asn).ifPresent(p -> {
            throw new IllegalArgumentException("peer " + Addresses.text(address) + ": " + p);
        });
        if (port < 1 || port > 65535) throw new IllegalArgumentException("peer " + Addresses.text(address) + ": port " + port);
        if (multihopTtl < 0 || multihopTtl > 255) {
            throw new IllegalArgumentException("peer " + Addresses.text(address) + ": multihop TTL " + multihopTtl + " is outside 0..255");
        }
        if (password.isPresent() && password.get().isEmpty()) password = Optional.empty();
    }

    /** A peer on port 179, without password, multihop or pinned local address. */
    public static ExternalPeer of(InetAddress address, long asn) {
        return new ExternalPeer(address, asn, 179, Optional.empty(), 0, Optional.empty());
    }

    /** The speaker's peer name, {@code external/<address>}. */
    public String name() {
        return "external/" + Addresses.text(address);
    }

    /**
     * Decodes a kube-router password ({@code --peer-router-passwords}, annotations): standard base64 of the key.
     * Empty if it is not base64 or not UTF-8 text, so that a caller's message never has to quote it.
     */
    public static Optional<String> decodePassword(String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64.strip());
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
            // kube-router's documentation encodes with `echo`, which adds a newline that is not part of the key.
            return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Never shows the password: peers get logged. */
    @Override
    public String toString() {
        return "ExternalPeer[" + Addresses.text(address) + ":" + port + " AS" + asn + (password.isPresent() ? " password <hidden>" : "")
                + (multihopTtl != 0 ? " multihop " + multihopTtl : "")
                + localAddress.map(a -> " local " + Addresses.text(a)).orElse("") + "]";
    }
}
