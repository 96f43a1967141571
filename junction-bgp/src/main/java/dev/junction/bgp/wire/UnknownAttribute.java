package dev.junction.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An optional path attribute the codec does not recognise, kept with its flags and raw value (RFC 4271 §5:
 * unrecognised optional transitive attributes are passed on; unrecognised optional non-transitive ones are
 * quietly ignored and not passed on). The low four flag bits are unused and cleared (RFC 4271 §4.3); the
 * Extended Length bit is recomputed by the encoder.
 */
public record UnknownAttribute(int flags, int typeCode, byte[] value) implements PathAttribute {
    public UnknownAttribute {
        if (typeCode < 0 || typeCode > 255) throw new IllegalArgumentException("type code out of range: " + typeCode);
        if ((flags & PathAttribute.OPTIONAL) == 0) {
            throw new IllegalArgumentException("an unrecognised well-known attribute is an error, not a value (RFC 4271 §6.3)");
        }
        if (value.length > 0xFFFF) throw new IllegalArgumentException("attribute value longer than 65535 octets");
        flags &= PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE | PathAttribute.PARTIAL;
        value = value.clone();
    }

    public boolean transitive() {
        return (flags & PathAttribute.TRANSITIVE) != 0;
    }

    /**
     * This attribute as it is sent on when the route is propagated: optional transitive with the Partial bit set,
     * or nothing for an optional non-transitive one (RFC 4271 §5 and §9.1.2).
     */
    public Optional<UnknownAttribute> forPropagation() {
        return transitive() ? Optional.of(new UnknownAttribute(flags | PathAttribute.PARTIAL, typeCode, value)) : Optional.empty();
    }

    @Override
    public boolean partial() {
        return (flags & PathAttribute.PARTIAL) != 0;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    byte[] valueUnsafe() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownAttribute u && u.flags == flags && u.typeCode == typeCode && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return (flags * 256 + typeCode) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnknownAttribute[flags=0x" + Integer.toHexString(flags) + ", type=" + typeCode + ", value="
                + HexFormat.of().formatHex(value) + "]";
    }
}
