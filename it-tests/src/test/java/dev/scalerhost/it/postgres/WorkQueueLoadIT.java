package dev.scalerhost.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.harness.ScalerhostProcessBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1,000 KEDA-style callers across the seven worker serviceTypes of {@code config/lakerunner.yaml}
 * for 30 s: the grouped depth query runs at most once per refresh interval, as PostgreSQL itself
 * counts its executions ({@code pg_stat_statements}), and every call is answered correctly.
 */
class WorkQueueLoadIT {

    private static final Logger log = LoggerFactory.getLogger(WorkQueueLoadIT.class);
    private static final int CALLERS = 1000;
    private static final int CHANNELS = 4;
    private static final Duration RUN = Duration.ofSeconds(30);

    private final Distribution distribution = Distribution.unpacked();
    private final LakerunnerQueueConfig config = LakerunnerQueueConfig.of(distribution);

    @Test
    void thousandCallersForThirtySecondsRunTheGroupedQueryAtMostOncePerRefreshInterval() throws Exception {
        WorkQueueDatabase db = WorkQueueDatabase.create(SharedPostgres.server(), "lakerunner_load");
        QueueSeed.load(db);
        Map<String, Double> depths = QueueSeed.expected(config, QueueSeed.DEPTHS);
        Map<String, KedaLoad.Expected> expected = new LinkedHashMap<>();
        depths.forEach((serviceType, depth) -> expected.put(serviceType, new KedaLoad.Expected(
                config.target(serviceType), depth, depth > config.activation(serviceType))));
        Duration refresh = config.refreshInterval();
        long allowed = (RUN.toMillis() + refresh.toMillis() - 1) / refresh.toMillis() + 1;

        ScalerhostProcessBuilder builder = ScalerhostProcess.builder(distribution).name("load").config(config.yaml());
        db.hostEnvironment().forEach(builder::env);
        try (ScalerhostProcess host = builder.start(); KedaClient keda = KedaClient.connect(host.grpcPort());
                KedaLoad load = KedaLoad.connect(host.grpcPort(), CHANNELS)) {
            keda.awaitConnected(Duration.ofSeconds(30));
            WorkerPolls.await(keda, depths, Duration.ofSeconds(30));

            long before = db.queueQueryExecutions();
            long windowStart = System.nanoTime();
            KedaLoad.Result result = load.run(CALLERS, expected, RUN);
            long executions = db.queueQueryExecutions() - before;
            Duration window = Duration.ofNanos(System.nanoTime() - windowStart);

            log.info("{}; the grouped query ran {} times in {} ms (allowed {} at refreshInterval {} ms)",
                    result, executions, window.toMillis(), allowed, refresh.toMillis());
            assertThat(result.errorCount()).as("failed or wrong answers: %s, e.g. %s", result.errors(),
                    result.errorSamples()).isZero();
            assertThat(result.rpcs()).as("RPCs answered").isGreaterThanOrEqualTo(3L * CALLERS);
            // Executions at least refreshInterval apart: a window shorter than RUN + refresh holds at most `allowed`.
            assertThat(window).as("counting window").isLessThan(RUN.plus(refresh));
            assertThat(executions).as("executions of the grouped query counted by pg_stat_statements")
                    .isBetween(1L, allowed);
            assertThat(host.isAlive()).isTrue();
            host.stop();
        }
    }
}
