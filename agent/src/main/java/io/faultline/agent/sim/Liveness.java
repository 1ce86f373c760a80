package io.faultline.agent.sim;

/** Whether a replica's process runs: down (not set up, or killed), up, or paused (stopped, holding its memory). */
public enum Liveness {
    DOWN, UP, PAUSED
}
