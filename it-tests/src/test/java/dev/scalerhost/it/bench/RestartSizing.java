package dev.scalerhost.it.bench;

/**
 * The restart scenario's sizing: a large backlog and ample capacity, as issue 14 describes it, derived
 * from the scenario's own parameters rather than picked by hand.
 *
 * <p>The consumers have joined their group and consumed the arrivals before the scenario's clock
 * starts (the warm start), stop at {@code stopSecond} and start again at {@code restartSecond}; they
 * take up to {@code rejoinAllowanceSeconds} to rejoin their group (10–15 s measured on the loaded 2-core
 * machine). So the backlog accumulates from the stop until they rejoin:
 * backlog = arrivals × (restartSecond − stopSecond + rejoin allowance).
 *
 * <ul>
 *   <li><b>Ample capacity</b>: the running consumers drain that backlog within {@code drainWithin}
 *       while keeping up with arrivals, with a margin: replicas × capacity ≥ (1 + margin) × (arrivals +
 *       backlog / drainWithin). The arrivals are the highest rate that leaves the wanted margin.</li>
 *   <li><b>Large backlog</b>: more than the acceptable delay's worth of the group's work (replicas ×
 *       capacity × acceptable delay), beyond the HPA's 10 % tolerance, so a count trigger with the target
 *       a user would pick (capacity × acceptable delay) asks for more consumers.</li>
 *   <li>The replica count divides the partitions, so every consumer holds the same share of the
 *       backlog (the {@code replicas} arithmetic assumes an even spread).</li>
 * </ul>
 */
record RestartSizing(int replicas, double capacity, int stopSecond, int restartSecond, double rejoinAllowanceSeconds,
                     double drainWithinSeconds, double acceptableDelaySeconds, int partitions, double wantedMargin) {

    RestartSizing {
        if (partitions % replicas != 0) {
            throw new IllegalArgumentException(replicas + " replicas do not divide " + partitions + " partitions");
        }
    }

    /** Seconds during which records accumulate before the consumers process again. */
    double backlogSeconds() {
        return restartSecond - stopSecond + rejoinAllowanceSeconds;
    }

    /** The highest whole arrival rate that leaves the wanted margin. */
    int arrivals() {
        return (int) Math.floor(replicas * capacity / ((1 + wantedMargin) * (1 + backlogSeconds() / drainWithinSeconds)));
    }

    double backlog() {
        return arrivals() * backlogSeconds();
    }

    /** The rate needed to drain the backlog within drainWithin beside arrivals. */
    double neededRate() {
        return arrivals() + backlog() / drainWithinSeconds;
    }

    /** Spare capacity over the needed rate, e.g. 0.25 for 25 %. */
    double margin() {
        return replicas * capacity / neededRate() - 1;
    }

    /** The backlog in seconds of the group's work at full capacity. */
    double backlogWorkSeconds() {
        return backlog() / (replicas * capacity);
    }

    /** Fails unless the backlog is large and the capacity ample, as computed from the parameters. */
    RestartSizing checked() {
        if (margin() < wantedMargin - 1e-9) {
            throw new IllegalStateException("restart scenario without ample capacity: " + describe());
        }
        if (backlogWorkSeconds() <= acceptableDelaySeconds * (1 + SimulatedHpa.TOLERANCE)) {
            throw new IllegalStateException("restart scenario without a large backlog: " + describe());
        }
        return this;
    }

    String describe() {
        return String.format(java.util.Locale.ROOT,
                "%d replicas × %.0f/s = %.0f/s on %d partitions (%d each); arrivals %d/s; backlog %d/s × (%d s stopped "
                        + "+ %.0f s rejoin allowance) = %.0f records = %.1f s of the group's work (large: > %.0f s "
                        + "acceptable delay + %.0f %% HPA tolerance); needed to drain it within %.0f s beside arrivals: "
                        + "%d + %.0f / %.0f = %.1f/s; margin %.0f %% (wanted ≥ %.0f %%)",
                replicas, capacity, replicas * capacity, partitions, partitions / replicas, arrivals(), arrivals(),
                restartSecond - stopSecond, rejoinAllowanceSeconds, backlog(), backlogWorkSeconds(), acceptableDelaySeconds,
                SimulatedHpa.TOLERANCE * 100, drainWithinSeconds, arrivals(), backlog(), drainWithinSeconds, neededRate(),
                margin() * 100, wantedMargin * 100);
    }
}
