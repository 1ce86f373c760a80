package io.faultline.agent.sim;

import io.faultline.spi.Completion;

/** What an operation does to one key: whether it changes the value, the value after it, and the client's answer. */
record Effect(boolean writes, Object newValue, Completion completion) {

    static Effect observe(Completion completion) {
        return new Effect(false, null, completion);
    }

    static Effect write(Object newValue, Completion completion) {
        return new Effect(true, newValue, completion);
    }
}
