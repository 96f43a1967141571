package dev.junction.bgp.fsm;

/** The behaviour of one RFC 4271 §8.2.2 state: handle an event, return the next state and why. */
interface StateHandler {
    Transition handle(Fsm fsm, Event event);
}
