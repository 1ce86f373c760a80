package io.faultline.architecture.cyclic.a;

import io.faultline.architecture.cyclic.b.Chicken;

/** Half of a deliberate package cycle, for the architecture test to catch. */
public class Egg {
    Chicken layer;
}
