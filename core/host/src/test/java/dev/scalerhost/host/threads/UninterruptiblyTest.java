package dev.scalerhost.host.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class UninterruptiblyTest {

    @Test
    void waitsThroughAnInterruptForTheResultAndSetsTheInterruptAgain() throws Exception {
        FutureTask<String> task = new FutureTask<>(() -> "done");
        Thread.currentThread().interrupt();
        Thread finisher = new Thread(task);
        finisher.start();
        try {
            assertThat(Uninterruptibly.get(task)).isEqualTo("done");
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            finisher.join();
        }
    }

    @Test
    void aFailedComputationIsItsExecutionException() {
        IllegalStateException cause = new IllegalStateException("broken");

        assertThatThrownBy(() -> Uninterruptibly.get(CompletableFuture.failedFuture(cause)))
                .isInstanceOf(ExecutionException.class).hasCause(cause);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
