package io.faultline.join;

/** The body of a refused join: one line saying why, which both sides print. */
public record JoinRefusal(String error) {
}
