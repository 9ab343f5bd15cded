package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ResponseStream;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM: open streams end cleanly, a call in flight gets its answer, and the process exits 0. */
class ShutdownIT {

    @Test
    void sigtermCompletesInFlightCallsAndStreamsAndExitsZero() throws Exception {
        SteeredSetup setup = SteeredSetup.create("shutdown");
        setup.steer("pushed", "10");
        setup.steer("slow", "fail");
        setup.timeout("slow", Duration.ofSeconds(5));
        try (ScalerhostProcess host = setup.start("shutdown", "pushed", "slow");
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            Polls.awaitPoll(keda, "pushed", poll -> poll.value() == 10);
            ResponseStream<Boolean> stream = keda.openStreamIsActive("pushed");
            assertThat(stream.next(Duration.ofSeconds(5))).isTrue();
            // With no value to serve, a call waits for the running measurement, which now hangs until
            // the source's timeout: the call is in flight when SIGTERM arrives.
            setup.steer("slow", "hang");
            Thread.sleep(SteeredSetup.REFRESH.toMillis() + 500);
            CompletableFuture<Status> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    keda.getMetrics(keda.ref("slow"), "slow", Optional.empty());
                    return Status.OK;
                } catch (StatusRuntimeException e) {
                    return e.getStatus();
                }
            });
            Thread.sleep(300);
            assertThat(inFlight).as("a call waiting for the hanging measurement").isNotDone();

            Duration took = host.stop(Duration.ofSeconds(20));

            assertThat(stream.awaitEnd(Duration.ofSeconds(5)).getCode()).as("the open stream ends cleanly")
                    .isEqualTo(Status.Code.OK);
            Status answered = inFlight.get(5, TimeUnit.SECONDS);
            assertThat(answered.getCode()).as("the call in flight gets the host's answer, not a dropped connection")
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(answered.getDescription()).contains("slow-source", "timed out");
            assertThat(host.log()).contains("received SIGTERM", "stopped").doesNotContain("were cancelled after the grace");
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }
}
