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

    static final Scenario STEADY = new Scenario("steady", "steady load (40/s)", 80, t -> 40, 0, 2, -1, -1);
    static final Scenario STEP = new Scenario("step", "step to 5× arrivals (40/s, then 200/s from 20 s)", 90,
            t -> t < 20 ? 40 : 200, 20, 2, -1, -1);
    static final Scenario BURST = new Scenario("burst", "short burst (40/s, 400/s for 8 s at 20 s)", 90,
            t -> t >= 20 && t < 28 ? 400 : 40, 20, 2, -1, -1);
    static final Scenario RESTART = new Scenario("restart",
            "restart of all consumers with a large backlog (90/s; 8 replicas stop at 5 s, back at 25 s)", 80,
            t -> 90, 5, 8, 5, 25);
}
