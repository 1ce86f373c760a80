package io.faultline.architecture.cyclic.b;

import io.faultline.architecture.cyclic.a.Egg;

/** The other half of the deliberate package cycle. */
public class Chicken {
    Egg laid;
}
