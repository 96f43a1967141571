package dev.junction.bgp.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UPDATE (RFC 4271 §4.3): withdrawn IPv4 prefixes, path attributes, and IPv4 NLRI. IPv6 (and, optionally,
 * IPv4) routes travel in the {@link MpReach}/{@link MpUnreach} attributes (RFC 4760). Each attribute type appears
 * at most once (RFC 7606 §3 (g): the decoder keeps the first of duplicates). Attribute order is kept as received;
 * the encoder writes MP_REACH_NLRI/MP_UNREACH_NLRI first and the rest by type code (RFC 7606 §5.1).
 */
public record Update(List<Prefix> withdrawn, List<PathAttribute> attributes, List<Prefix> nlri) implements BgpMessage {
    public Update {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
        for (Prefix p : withdrawn) requireIpv4(p);
        for (Prefix p : nlri) requireIpv4(p);
        boolean[] seen = new boolean[256];
        for (PathAttribute a : attributes) {
            if (seen[a.typeCode()]) throw new IllegalArgumentException("duplicate attribute type " + a.typeCode());
            seen[a.typeCode()] = true;
        }
    }

    private static void requireIpv4(Prefix p) {
        // RFC 4271 §4.3: the Withdrawn Routes and NLRI fields carry IPv4 prefixes only; others go in MP attributes.
        if (p.family() != AddressFamily.IPV4) throw new IllegalArgumentException(p + " belongs in MP_REACH/MP_UNREACH");
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }

    /**
     * The End-of-RIB marker (RFC 4724 §2): an empty UPDATE for IPv4 unicast, otherwise an UPDATE with only an
     * empty MP_UNREACH_NLRI for the AFI/SAFI.
     */
    public static Update endOfRib(AfiSafi family) {
        if (family.equals(AfiSafi.IPV4_UNICAST)) return new Update(List.of(), List.of(), List.of());
        return new Update(List.of(), List.of(new MpUnreach(family, List.of())), List.of());
    }

    /** The AFI/SAFI this UPDATE is the End-of-RIB marker of (RFC 4724 §2), if it is one. */
    public Optional<AfiSafi> endOfRib() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty()) return Optional.empty();
        if (attributes.isEmpty()) return Optional.of(AfiSafi.IPV4_UNICAST);
        if (attributes.size() == 1 && attributes.getFirst() instanceof MpUnreach u && u.withdrawn().isEmpty()) {
            return Optional.of(u.family());
        }
        return Optional.empty();
    }

    /** The attribute of one kind, if present. */
    public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** Reachable prefixes per AFI/SAFI: the NLRI field (IPv4 unicast) and MP_REACH_NLRI. */
    public Map<AfiSafi, List<Prefix>> reachable() {
        Map<AfiSafi, List<Prefix>> out = new LinkedHashMap<>();
        add(out, AfiSafi.IPV4_UNICAST, nlri);
        attribute(MpReach.class).ifPresent(r -> add(out, r.family(), r.nlri()));
        return out;
    }

    /** Withdrawn prefixes per AFI/SAFI: the Withdrawn Routes field (IPv4 unicast) and MP_UNREACH_NLRI. */
    public Map<AfiSafi, List<Prefix>> unreachable() {
        Map<AfiSafi, List<Prefix>> out = new LinkedHashMap<>();
        add(out, AfiSafi.IPV4_UNICAST, withdrawn);
        attribute(MpUnreach.class).ifPresent(u -> add(out, u.family(), u.withdrawn()));
        return out;
    }

    /**
     * What "treat-as-withdraw" removes (RFC 7606 §2): every route of the UPDATE, announced or withdrawn, handled
     * "as though all contained routes had been withdrawn".
     */
    public Map<AfiSafi, List<Prefix>> treatAsWithdraw() {
        Map<AfiSafi, List<Prefix>> out = unreachable();
        reachable().forEach((f, ps) -> add(out, f, ps));
        return out;
    }

    private static void add(Map<AfiSafi, List<Prefix>> out, AfiSafi f, List<Prefix> ps) {
        if (!ps.isEmpty()) out.computeIfAbsent(f, k -> new ArrayList<>()).addAll(ps);
    }
}
