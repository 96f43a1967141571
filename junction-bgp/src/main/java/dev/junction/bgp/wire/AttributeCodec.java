package dev.junction.bgp.wire;

/** Decoder and encoder of one attribute type's value (the octets after the attribute header). */
interface AttributeCodec {
    /**
     * Decodes {@code value}, which holds exactly the attribute's value octets. Must not throw and must not read
     * past {@code value}; every problem is an {@link AttrResult.Malformed}.
     */
    AttrResult decode(WireReader value, int flags, DecodeContext ctx);

    /** Writes the value octets of {@code attribute}; throws IllegalArgumentException if it cannot be sent. */
    void encode(PathAttribute attribute, WireWriter out, EncodeContext ctx);

    interface Decoder {
        AttrResult decode(WireReader value, int flags, DecodeContext ctx);
    }

    interface Encoder<T extends PathAttribute> {
        void encode(T attribute, WireWriter out, EncodeContext ctx);
    }

    /** A codec from a decode function and an encode function for attribute record {@code kind}. */
    static <T extends PathAttribute> AttributeCodec of(Class<T> kind, Decoder decoder, Encoder<T> encoder) {
        return new AttributeCodec() {
            @Override
            public AttrResult decode(WireReader value, int flags, DecodeContext ctx) {
                return decoder.decode(value, flags, ctx);
            }

            @Override
            public void encode(PathAttribute attribute, WireWriter out, EncodeContext ctx) {
                encoder.encode(kind.cast(attribute), out, ctx);
            }
        };
    }

    /**
     * The length-mismatch result if {@code value} is not exactly {@code expected} octets, else null
     * (RFC 4271 §6.3: a length that "conflicts with the expected length" is an Attribute Length Error).
     */
    static AttrResult requireLength(WireReader value, int expected, String name, String rfc) {
        if (value.remaining() == expected) return null;
        return AttrResult.malformed(ErrorCodes.ATTRIBUTE_LENGTH_ERROR,
                name + " length " + value.remaining() + ", expected " + expected + " (" + rfc + ")");
    }
}
