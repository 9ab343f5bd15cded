package dev.scalerhost.it.bench;

import java.util.List;
import java.util.Map;

/** Prints each scenario's figures per trigger and the goal for {@code replicas} against {@code lag}. */
final class ScalingReport {

    private ScalingReport() {
    }

    static void print(Scenario scenario, List<TriggerRun.Result> results) {
        System.out.printf("%n| %s | trigger | highest lag (s) | back under %.0f s after (s) | replica-seconds | scale changes |%n",
                scenario.name(), ScalingSimulation.ACCEPTABLE_DELAY_SECONDS);
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (TriggerRun.Result result : results) {
            System.out.printf("| %s | %s | %.1f | %.0f | %.0f | %d |%n", scenario.name(), result.trigger(),
                    result.highestLagSeconds(), result.backUnderSeconds(), result.replicaSeconds(), result.scaleChanges());
        }
    }

    /** The goal: replicas' highest lag ≤ lag's, replica-seconds ≤ 0.8× lag's, scale changes ≤ half of lag's, no scale-up in restart. */
    static void summary(Map<Scenario, List<TriggerRun.Result>> all) {
        System.out.printf("%n| scenario | highest lag replicas ≤ lag | replica-seconds replicas / lag (≤ 0.8) | "
                + "scale changes replicas / lag (≤ 0.5) | scale-ups after the restart (0) | goal |%n");
        System.out.println("|---|---|---:|---:|---:|---|");
        all.forEach((scenario, results) -> {
            TriggerRun.Result lag = find(results, "lag");
            TriggerRun.Result replicas = find(results, "replicas");
            boolean lagOk = replicas.highestLagSeconds() <= lag.highestLagSeconds();
            double seconds = replicas.replicaSeconds() / lag.replicaSeconds();
            double changes = lag.scaleChanges() == 0 ? (replicas.scaleChanges() == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : (double) replicas.scaleChanges() / lag.scaleChanges();
            boolean restartOk = scenario != Scenario.RESTART || replicas.scaleUpsAfterEvent() == 0;
            boolean met = lagOk && seconds <= 0.8 && changes <= 0.5 && restartOk;
            System.out.printf("| %s | %s (%.1f vs %.1f s) | %.2f | %s (%d vs %d) | %s | %s |%n", scenario.name(),
                    lagOk ? "yes" : "no", replicas.highestLagSeconds(), lag.highestLagSeconds(), seconds,
                    Double.isInfinite(changes) ? "∞" : String.format("%.2f", changes), replicas.scaleChanges(),
                    lag.scaleChanges(), scenario == Scenario.RESTART ? Integer.toString(replicas.scaleUpsAfterEvent()) : "-",
                    met ? "met" : "not met");
        });
    }

    private static TriggerRun.Result find(List<TriggerRun.Result> results, String trigger) {
        return results.stream().filter(r -> r.trigger().equals(trigger)).findFirst().orElseThrow();
    }
}
