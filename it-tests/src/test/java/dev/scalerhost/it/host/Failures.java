package dev.scalerhost.it.host;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The status of a gRPC call that must fail. */
final class Failures {

    /** A call whose failure a test inspects. */
    @FunctionalInterface
    interface Call {
        Object run();
    }

    private Failures() {
    }

    /** Runs {@code call} and returns the status it failed with; an answer is an assertion failure. */
    static Status statusOf(Call call) {
        Object answer;
        try {
            answer = call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("expected the call to fail, but it answered: " + answer);
    }
}
