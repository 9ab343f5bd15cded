package dev.scalerhost.it.bench;

import java.util.function.DoubleUnaryOperator;

/**
 * A traffic pattern and what happens to the workload.
 *
 * @param name          short name, used in file names
 * @param seconds       how long it runs
 * @param arrival       records per second produced at a second of the run
 * @param eventSecond   when the step, burst or restart happens (lag is measured back under target from here)
 * @param initial       replicas at the start
 * @param stopSecond    when every consumer stops, or -1
 * @param restartSecond when they all start again, as many as before
 */
record Scenario(String name, String title, int seconds, DoubleUnaryOperator arrival, int eventSecond, int initial,
                int stopSecond, int restartSecond) {

    /**
     * Steady load the starting replicas carry with headroom: 30/s on 2 consumers of 20/s (75 % busy). Until
     * 2026-12-04 it was 40/s, exactly their capacity: at 100 % no count of 2 drains anything, so any backlog
     * (the records in flight between commits, a late wake-up) stays, and a trigger holds 2 only by letting
     * the lag grow (docs/benchmarks.md, "Scaling simulation").
     */
    static final Scenario STEADY = new Scenario("steady", "steady load (30/s)", 80, t -> 30, 0, 2, -1, -1);
    static final Scenario STEP = new Scenario("step", "step to 5× arrivals (40/s, then 200/s from 20 s)", 90,
            t -> t < 20 ? 40 : 200, 20, 2, -1, -1);
    static final Scenario BURST = new Scenario("burst", "short burst (40/s, 400/s for 8 s at 20 s)", 90,
            t -> t >= 20 && t < 28 ? 400 : 40, 20, 2, -1, -1);
    /** The restart's sizing: a large backlog and ample capacity, from the parameters (see {@link RestartSizing}). */
    static final RestartSizing RESTART_SIZING = new RestartSizing(6, ScalingSimulation.CAPACITY, 5, 25, 15,
            ScalingSimulation.DRAIN_WITHIN_SECONDS, ScalingSimulation.ACCEPTABLE_DELAY_SECONDS,
            ScalingSimulation.PARTITIONS, 0.25).checked();
    static final Scenario RESTART = new Scenario("restart",
            "restart of all consumers with a large backlog and ample capacity (" + RESTART_SIZING.arrivals()
                    + "/s; " + RESTART_SIZING.replicas() + " replicas stop at " + RESTART_SIZING.stopSecond()
                    + " s, back at " + RESTART_SIZING.restartSecond() + " s)", 80,
            t -> RESTART_SIZING.arrivals(), RESTART_SIZING.stopSecond(), RESTART_SIZING.replicas(),
            RESTART_SIZING.stopSecond(), RESTART_SIZING.restartSecond());
}
