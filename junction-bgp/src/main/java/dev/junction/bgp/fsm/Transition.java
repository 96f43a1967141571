package dev.junction.bgp.fsm;

/** What a state handler decided: the next state and why (RFC 4271 §8.2.2; GoBGP's {@code nextState, reason}). */
public record Transition(State next, Reason reason) {
    public Transition {
        if (next == null || reason == null) throw new IllegalArgumentException("next state and reason are required");
    }

    public static Transition to(State next, Reason reason) {
        return new Transition(next, reason);
    }
}
