package dev.scalerhost.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code config/lakerunner.yaml} with a wrong database password: the host still starts (sources
 * connect lazily), KEDA's calls fail with {@code UNAVAILABLE} naming the database and the cause, and
 * neither password shows anywhere: not in answers, the log, {@code /status} or {@code /metrics}. The
 * user name comes from the environment too, so it is a substituted value and shows as redacted.
 */
class WorkQueueWrongPasswordIT {

    private static final String WRONG_PASSWORD = "Wr0ng-but-Secret-7f3a9c";
    private static final Duration FIRST_FAILURE = Duration.ofSeconds(30);

    private static WorkQueueDatabase db;
    private static LakerunnerQueueConfig config;
    private static ScalerhostProcess host;
    private static KedaClient keda;
    /** How the host shows a value substituted from the environment, as the user name is here (README: substitution). */
    private static final String SUBSTITUTED = "[redacted]";

    @BeforeAll
    static void startHostWithWrongPassword() throws Exception {
        db = WorkQueueDatabase.create(SharedPostgres.server(), "lakerunner_badpw");
        QueueSeed.load(db);
        config = LakerunnerQueueConfig.of(Distribution.unpacked());
        host = config.host("badpw", db.hostEnvironment(WRONG_PASSWORD)).start();
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
    void getMetricsAndIsActiveFailUnavailableNamingTheDatabaseButNotTheSubstitutedUserOrPassword() {
        for (String serviceType : config.serviceTypes()) {
            Status metrics = failure(() -> keda.getMetrics(keda.ref(serviceType), serviceType, Optional.empty()));
            Status active = failure(() -> keda.isActive(keda.ref(serviceType), Optional.empty()));

            for (Status status : new Status[] {metrics, active}) {
                assertThat(status.getCode()).as(serviceType + ": " + status).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(status.getDescription()).as(serviceType)
                        .contains(serviceType, "'" + config.sourceName() + "'", "authentication failed",
                                "user " + SUBSTITUTED, "database " + db.database())
                        .doesNotContain(WRONG_PASSWORD, db.password(), db.user());
            }
        }
    }

    @Test
    void passwordNeverAppearsInTheLogStatusOrMetrics() {
        String status = host.http("/status").body();
        String metrics = host.http("/metrics").body();

        assertThat(status).as("/status").contains("authentication failed").doesNotContain(WRONG_PASSWORD, db.password());
        assertThat(metrics).as("/metrics").doesNotContain(WRONG_PASSWORD, db.password());
        assertThat(host.log()).as("the host's log").contains("authentication failed for user " + SUBSTITUTED)
                .doesNotContain(WRONG_PASSWORD, db.password(), db.user());
    }

    @Test
    void checkCommandFailsWithoutTheSubstitutedUserOrPassword() {
        try (ScalerhostProcess check = config.host("badpw-check", db.hostEnvironment(WRONG_PASSWORD))
                .arguments("check", "--config", "@CONFIG@").launch()) {
            int exit = check.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code of check with a wrong password\n" + check.log()).isNotZero();
            assertThat(check.log()).contains("user " + SUBSTITUTED).doesNotContain(WRONG_PASSWORD, db.password(), db.user());
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
