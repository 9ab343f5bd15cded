package dev.scalerhost.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.harness.ScalerhostProcessBuilder;
import dev.scalerhost.it.postgres.WorkQueueDatabase.State;
import dev.scalerhost.testservers.PostgresServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work-queue database goes away and comes back while the host keeps running: the last good
 * values are served until they are older than {@code maxStaleness}, then every call fails with
 * {@code UNAVAILABLE} naming the source (never a 0), and after the restart the host measures again
 * on its own. The database runs on a server of its own, since this test stops it.
 */
class WorkQueueOutageIT {

    private static final Logger log = LoggerFactory.getLogger(WorkQueueOutageIT.class);
    /** Short, so the test need not wait out the host's default of 60 s; the rest of the file stays as shipped. */
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration MAX_STALENESS = Duration.ofSeconds(6);
    /** Both processes read the same wall clock, which has millisecond steps. */
    private static final long CLOCK_STEP_MILLIS = 20;

    private static PostgresServer server;

    private final Distribution distribution = Distribution.unpacked();
    private final LakerunnerQueueConfig config =
            LakerunnerQueueConfig.of(distribution).withSourceTiming(REFRESH, MAX_STALENESS);

    /** One answer to GetMetrics or IsActive during the outage. */
    private record Answer(String serviceType, String method, long startedMillis, long endedMillis,
            Optional<Double> value, Optional<Boolean> active, Status status) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesLastValuesUntilMaxStalenessThenUnavailableAndRecoversAfterDatabaseRestart() throws Exception {
        WorkQueueDatabase db = WorkQueueDatabase.create(server, "lakerunner_outage");
        QueueSeed.load(db);
        Map<String, Double> before = QueueSeed.expected(config, QueueSeed.DEPTHS);
        ScalerhostProcessBuilder builder = ScalerhostProcess.builder(distribution).name("outage").config(config.yaml());
        db.hostEnvironment().forEach(builder::env);

        try (ScalerhostProcess host = builder.start(); KedaClient keda = KedaClient.connect(host.grpcPort())) {
            keda.awaitConnected(Duration.ofSeconds(30));
            WorkerPolls.await(keda, before, Duration.ofSeconds(30));

            server.stop();
            Map<String, Instant> lastGood = measuredAt(host);
            List<Answer> answers = observeUntilAllUnavailable(keda, MAX_STALENESS.plus(Duration.ofSeconds(15)));

            assertOnlyLastValuesThenUnavailable(answers, before, lastGood);
            for (String serviceType : config.serviceTypes()) {
                assertThat(keda.getMetricSpec(keda.ref(serviceType), Optional.of(KedaClient.HPA_DEADLINE))
                        .getMetricSpecs(0).getTargetSizeFloat())
                        .as("GetMetricSpec of %s answers from configuration while the database is down", serviceType)
                        .isEqualTo(config.target(serviceType));
            }
            JsonNode status = new ObjectMapper().readTree(host.http("/status").body());
            assertThat(status.path("sources").path(config.sourceName()).path("lastError").asText())
                    .as("/status of the source while the database is down").isNotBlank();

            server.restart();
            long restarted = System.nanoTime();
            db.add("ingest-traces", 7, State.UNCLAIMED);
            db.claim("compact-metrics", 25);
            Map<String, Integer> afterDepths = new HashMap<>(QueueSeed.DEPTHS);
            afterDepths.putAll(Map.of("ingest-traces", 7, "compact-metrics", 225));
            Map<String, Double> after = QueueSeed.expected(config, afterDepths);
            WorkerPolls.await(keda, after, Duration.ofSeconds(30));

            log.info("database down: {} answers; last value served {} ms, first UNAVAILABLE {} ms after the last good "
                    + "measurement (maxStaleness {} ms); measuring again {} ms after the restart", answers.size(),
                    answers.stream().filter(a -> a.status().isOk())
                            .mapToLong(a -> a.startedMillis() - lastGood.get(a.serviceType()).toEpochMilli()).max().orElse(-1),
                    answers.stream().filter(a -> !a.status().isOk())
                            .mapToLong(a -> a.endedMillis() - lastGood.get(a.serviceType()).toEpochMilli()).min().orElse(-1),
                    MAX_STALENESS.toMillis(), Duration.ofNanos(System.nanoTime() - restarted).toMillis());
            assertThat(host.isAlive()).as("the host process ran through the outage").isTrue();
            host.stop();
        }
    }

    /** The time of each serviceType's last good value, as /status reports it. */
    private Map<String, Instant> measuredAt(ScalerhostProcess host) throws Exception {
        JsonNode status = new ObjectMapper().readTree(host.http("/status").body());
        Map<String, Instant> measured = new HashMap<>();
        for (String serviceType : config.serviceTypes()) {
            String at = status.path("serviceTypes").path(serviceType).path("measuredAt").asText(null);
            assertThat(at).as("measuredAt of %s in /status", serviceType).isNotNull();
            measured.put(serviceType, Instant.parse(at));
        }
        return measured;
    }

    /**
     * Rounds of GetMetrics and IsActive for every serviceType, all calls of a round at once as
     * KEDA's ScaledObjects call independently, until two whole rounds failed.
     */
    private List<Answer> observeUntilAllUnavailable(KedaClient keda, Duration within) throws Exception {
        List<Callable<Answer>> round = new ArrayList<>();
        for (String serviceType : config.serviceTypes()) {
            round.add(() -> ask(keda, serviceType, "GetMetrics"));
            round.add(() -> ask(keda, serviceType, "IsActive"));
        }
        ExecutorService callers = Executors.newFixedThreadPool(round.size());
        try {
            List<Answer> answers = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            int failedRounds = 0;
            while (failedRounds < 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not every serviceType was UNAVAILABLE within " + within
                            + " of the database stopping; last answers: "
                            + answers.subList(Math.max(0, answers.size() - round.size()), answers.size()));
                }
                boolean allFailed = true;
                for (Future<Answer> answer : callers.invokeAll(round)) {
                    answers.add(answer.get());
                    allFailed &= !answer.get().status().isOk();
                }
                failedRounds = allFailed ? failedRounds + 1 : 0;
                Thread.sleep(100);
            }
            return answers;
        } finally {
            callers.shutdownNow();
        }
    }

    private static Answer ask(KedaClient keda, String serviceType, String method) {
        long started = System.currentTimeMillis();
        try {
            if (method.equals("GetMetrics")) {
                double value = keda.getMetrics(keda.ref(serviceType), serviceType, Optional.empty())
                        .getMetricValues(0).getMetricValueFloat();
                return new Answer(serviceType, method, started, System.currentTimeMillis(), Optional.of(value),
                        Optional.empty(), Status.OK);
            }
            boolean active = keda.isActive(keda.ref(serviceType), Optional.empty()).getResult();
            return new Answer(serviceType, method, started, System.currentTimeMillis(), Optional.empty(),
                    Optional.of(active), Status.OK);
        } catch (StatusRuntimeException e) {
            return new Answer(serviceType, method, started, System.currentTimeMillis(), Optional.empty(),
                    Optional.empty(), e.getStatus());
        }
    }

    private void assertOnlyLastValuesThenUnavailable(List<Answer> answers, Map<String, Double> last,
            Map<String, Instant> lastGood) {
        for (Answer answer : answers) {
            String serviceType = answer.serviceType();
            long staleAt = lastGood.get(serviceType).toEpochMilli() + MAX_STALENESS.toMillis();
            if (answer.status().isOk()) {
                assertThat(answer.startedMillis()).as("%s answered %s more than maxStaleness after its last good value",
                        answer, lastGood.get(serviceType)).isLessThanOrEqualTo(staleAt + CLOCK_STEP_MILLIS);
                answer.value().ifPresent(value -> assertThat(value).as("%s during the outage", answer)
                        .isEqualTo(last.get(serviceType)));
                answer.active().ifPresent(active -> assertThat(active).as("%s during the outage", answer)
                        .isEqualTo(last.get(serviceType) > config.activation(serviceType)));
            } else {
                assertThat(answer.status().getCode()).as("%s", answer).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(answer.status().getDescription()).as("%s", answer)
                        .contains(serviceType, "'" + config.sourceName() + "'");
                assertThat(answer.endedMillis()).as("%s failed before its last good value (%s) was older than "
                        + "maxStaleness", answer, lastGood.get(serviceType)).isGreaterThanOrEqualTo(staleAt - CLOCK_STEP_MILLIS);
            }
        }
        assertThat(answers).as("answers served from the last good values while the database was down")
                .anyMatch(answer -> answer.status().isOk());
    }
}
