package dev.junction.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * OPEN body codec (RFC 4271 §4.2) with the syntax checks of RFC 4271 §6.2, the extended optional parameters of
 * RFC 9072 §2 and AS 0 rejection (RFC 7607 §2). Checks that need configuration (expected peer AS, local
 * identifier, required capabilities) are in {@link OpenChecks}.
 */
final class OpenCodec {
    private OpenCodec() {
    }

    private static final int CAPABILITIES_PARAMETER = 2; // RFC 5492 §4
    private static final int EXTENDED_PARAMETERS = 255; // RFC 9072 §2

    static DecodeResult decode(byte[] body) {
        WireReader r = new WireReader(body);
        int length = body.length + Header.LENGTH;
        byte[] lengthField = {(byte) (length >>> 8), (byte) length};
        if (r.remaining() < 10) return fail(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, lengthField, "OPEN shorter than 29 octets (RFC 4271 §6.1)"));
        int version = r.u8();
        if (version != Open.VERSION) {
            // RFC 4271 §6.2: Unsupported Version Number; the data is "the largest, locally-supported version number
            // less than the version the remote BGP peer bid ... or ... the smallest, locally-supported version" = 4.
            return fail(DecodeError.open(ErrorCodes.UNSUPPORTED_VERSION_NUMBER, new byte[]{0, Open.VERSION},
                    "version " + version + " unsupported (RFC 4271 §6.2)"));
        }
        int myAs = r.u16();
        int holdTime = r.u16();
        long bgpId = r.u32();
        int optLength = r.u8();
        boolean extended = optLength == EXTENDED_PARAMETERS && r.remaining() > 0 && r.peekU8() == EXTENDED_PARAMETERS;
        if (extended) {
            r.u8();
            // RFC 9072 §2: Non-Ext OP Type 255, then a 2-octet Extended Opt. Parm. Length.
            if (r.remaining() < 2) return fail(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, lengthField, "extended optional parameters truncated (RFC 9072 §2)"));
            optLength = r.u16();
        }
        if (optLength != r.remaining()) {
            // The optional parameters must fill the rest of the message exactly (RFC 4271 §4.2); like BIRD and
            // GoBGP, a mismatch is reported as Bad Message Length with the Length field (RFC 4271 §6.1).
            return fail(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, lengthField,
                    "Optional Parameters Length " + optLength + " but " + r.remaining() + " octets follow (RFC 4271 §4.2)"));
        }
        // RFC 4271 §6.2: "If the Autonomous System field of the OPEN message is unacceptable, then the Error Subcode
        // MUST be set to Bad Peer AS"; RFC 7607 §2: zero as the peer AS in an OPEN is Bad Peer AS.
        if (myAs == 0) return fail(DecodeError.open(ErrorCodes.BAD_PEER_AS, null, "My Autonomous System is 0 (RFC 7607 §2)"));
        // RFC 4271 §6.2: "An implementation MUST reject Hold Time values of one or two seconds."
        if (holdTime == 1 || holdTime == 2) {
            return fail(DecodeError.open(ErrorCodes.UNACCEPTABLE_HOLD_TIME, null, "hold time " + holdTime + " (RFC 4271 §6.2)"));
        }
        // RFC 6286 §2.2 (updating RFC 4271 §6.2): a BGP Identifier of zero is Bad BGP Identifier.
        if (bgpId == 0) return fail(DecodeError.open(ErrorCodes.BAD_BGP_IDENTIFIER, null, "BGP Identifier is 0 (RFC 6286 §2.2)"));

        List<Capability> caps = new ArrayList<>();
        while (r.remaining() > 0) {
            if (r.remaining() < (extended ? 3 : 2)) return fail(DecodeError.open(ErrorCodes.UNSPECIFIC, null, "optional parameter header truncated (RFC 4271 §6.2)"));
            int type = r.u8();
            int len = extended ? r.u16() : r.u8();
            if (len > r.remaining()) {
                return fail(DecodeError.open(ErrorCodes.UNSPECIFIC, null, "optional parameter " + type + " overruns the message (RFC 4271 §6.2)"));
            }
            WireReader value = r.slice(len);
            if (type != CAPABILITIES_PARAMETER) {
                // RFC 4271 §6.2: "If one of the Optional Parameters in the OPEN message is not recognized, then the
                // Error Subcode MUST be set to Unsupported Optional Parameters."
                return fail(DecodeError.open(ErrorCodes.UNSUPPORTED_OPTIONAL_PARAMETER, null,
                        "optional parameter type " + type + " (RFC 4271 §6.2, RFC 5492 §4)"));
            }
            DecodeError e = CapabilityCodec.decode(value, caps);
            if (e != null) return fail(e);
        }
        for (Capability c : caps) {
            // RFC 7607 §2 with RFC 6793 §4.1: the 4-octet AS capability is the peer AS; zero is Bad Peer AS.
            if (c instanceof Capability.FourOctetAs f && f.asn() == 0) {
                return fail(DecodeError.open(ErrorCodes.BAD_PEER_AS, null, "4-octet AS capability carries AS 0 (RFC 7607 §2)"));
            }
        }
        return new DecodeResult.Ok(new Open(version, myAs, holdTime, IpText.ipv4(bgpId), caps));
    }

    private static DecodeResult fail(DecodeError e) {
        return new DecodeResult.Failure(e);
    }

    static void encode(Open o, WireWriter w) {
        w.u8(o.version()).u16(o.myAs()).u16(o.holdTime()).bytes(o.bgpId().getAddress());
        WireWriter caps = new WireWriter();
        for (Capability c : o.capabilities()) CapabilityCodec.encode(c, caps);
        if (caps.size() == 0) {
            w.u8(0);
        } else if (caps.size() + 2 <= 255) {
            // One Capabilities parameter holding every capability (RFC 5492 §4), as BIRD and GoBGP send it.
            w.u8(caps.size() + 2).u8(CAPABILITIES_PARAMETER).u8(caps.size()).bytes(caps.toByteArray());
        } else {
            // RFC 9072 §2: parameters over 255 octets use the extended form.
            w.u8(EXTENDED_PARAMETERS).u8(EXTENDED_PARAMETERS).u16(caps.size() + 3)
                    .u8(CAPABILITIES_PARAMETER).u16(caps.size()).bytes(caps.toByteArray());
        }
    }
}
