package dev.junction.bgp.wire;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of decoding one message. Decoding never throws on input bytes: it returns {@link Ok} (a message,
 * possibly with RFC 7606 problems that do not reset the session) or {@link Failure} (the session must be reset
 * with the error's NOTIFICATION).
 */
public sealed interface DecodeResult {

    /**
     * A decoded message. {@code problems} is empty for a clean message; for an UPDATE it lists every problem whose
     * action is weaker than a session reset, and {@link #action()} is the one to apply (RFC 7606 §3 (h)). With
     * {@link ErrorAction#TREAT_AS_WITHDRAW} the message still carries every route it announced, so the caller can
     * withdraw them ({@link Update#treatAsWithdraw()}); malformed or discarded attributes are left out.
     */
    record Ok(BgpMessage message, List<DecodeError> problems) implements DecodeResult {
        public Ok {
            problems = List.copyOf(problems);
        }

        public Ok(BgpMessage message) {
            this(message, List.of());
        }

        /** The strongest action over all problems, empty for a clean message. */
        public Optional<ErrorAction> action() {
            ErrorAction a = null;
            for (DecodeError e : problems) a = e.action().strongest(a);
            return Optional.ofNullable(a);
        }
    }

    /** A problem that needs a session reset; {@code error().toNotification()} is what to send. */
    record Failure(DecodeError error) implements DecodeResult {
    }
}
