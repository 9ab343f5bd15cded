package dev.scalerhost.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.harness.ScalerhostProcessBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code config/lakerunner.yaml} with a wrong database password: the host still starts (sources
 * connect lazily), KEDA's calls fail with {@code UNAVAILABLE} naming the user and the database, and
 * neither password shows anywhere: not in answers, the log, {@code /status} or {@code /metrics}.
 */
class WorkQueueWrongPasswordIT {

    private static final String WRONG_PASSWORD = "Wr0ng-but-Secret-7f3a9c";
    private static final Duration FIRST_FAILURE = Duration.ofSeconds(30);

    private static WorkQueueDatabase db;
    private static LakerunnerQueueConfig config;
    private static ScalerhostProcess host;
    private static KedaClient keda;

    @BeforeAll
    static void startHostWithWrongPassword() throws Exception {
        db = WorkQueueDatabase.create(SharedPostgres.server(), "lakerunner_badpw");
        QueueSeed.load(db);
        Distribution distribution = Distribution.unpacked();
        config = LakerunnerQueueConfig.of(distribution);
        ScalerhostProcessBuilder builder = ScalerhostProcess.builder(distribution).name("badpw").config(config.yaml());
        db.hostEnvironment(WRONG_PASSWORD).forEach(builder::env);
        host = builder.start();
        keda = KedaClient.connect(host.grpcPort());
        keda.awaitConnected(Duration.ofSeconds(30));
        awaitAuthenticationFailure();
    }

    @AfterAll
    static void stopHost() {
        if (keda != null) {
            keda.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void hostStartsAndAnswersGetMetricSpecFromConfiguration() {
        assertThat(host.http("/readyz").status()).isEqualTo(200);
        for (String serviceType : config.serviceTypes()) {
            assertThat(keda.getMetricSpec(keda.ref(serviceType), Optional.of(KedaClient.HPA_DEADLINE))
                    .getMetricSpecs(0).getTargetSizeFloat()).as(serviceType).isEqualTo(config.target(serviceType));
        }
    }

    @Test
    void getMetricsAndIsActiveFailUnavailableNamingUserAndDatabaseButNotThePassword() {
        for (String serviceType : config.serviceTypes()) {
            Status metrics = failure(() -> keda.getMetrics(keda.ref(serviceType), serviceType, Optional.empty()));
            Status active = failure(() -> keda.isActive(keda.ref(serviceType), Optional.empty()));

            for (Status status : new Status[] {metrics, active}) {
                assertThat(status.getCode()).as(serviceType + ": " + status).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(status.getDescription()).as(serviceType)
                        .contains(serviceType, "'" + config.sourceName() + "'", "authentication failed",
                                "user " + db.user(), "database " + db.database())
                        .doesNotContain(WRONG_PASSWORD, db.password());
            }
        }
    }

    @Test
    void passwordNeverAppearsInTheLogStatusOrMetrics() {
        String status = host.http("/status").body();
        String metrics = host.http("/metrics").body();

        assertThat(status).as("/status").contains("authentication failed").doesNotContain(WRONG_PASSWORD, db.password());
        assertThat(metrics).as("/metrics").doesNotContain(WRONG_PASSWORD, db.password());
        assertThat(host.log()).as("the host's log").contains("authentication failed", db.user()).doesNotContain(WRONG_PASSWORD, db.password());
    }

    @Test
    void checkCommandFailsNamingTheUserWithoutThePassword() {
        ScalerhostProcessBuilder builder = ScalerhostProcess.builder(Distribution.unpacked()).name("badpw-check")
                .config(config.yaml()).arguments("check", "--config", "@CONFIG@");
        db.hostEnvironment(WRONG_PASSWORD).forEach(builder::env);
        try (ScalerhostProcess check = builder.launch()) {
            int exit = check.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code of check with a wrong password\n" + check.log()).isNotZero();
            assertThat(check.log()).contains(db.user()).doesNotContain(WRONG_PASSWORD, db.password());
        }
    }

    /**
     * Until the source has tried to connect: on a busy machine a first attempt can time out before
     * the server has checked the password, which is a different failure.
     */
    private static void awaitAuthenticationFailure() throws InterruptedException {
        long deadline = System.nanoTime() + FIRST_FAILURE.toNanos();
        while (!host.http("/status").body().contains("authentication failed")) {
            if (System.nanoTime() > deadline) {
                throw host.failure("no authentication failure in /status within " + FIRST_FAILURE);
            }
            Thread.sleep(100);
        }
    }

    private static Status failure(Runnable call) {
        StatusRuntimeException thrown = (StatusRuntimeException) catchThrowable(call::run);
        assertThat(thrown).as("the call should fail").isNotNull();
        return thrown.getStatus();
    }
}
