package dev.scalerhost.host.grpc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

final class GrpcAssertions {

    private GrpcAssertions() {
    }

    /** The status a call fails with; fails the test if the call succeeds. */
    static Status statusOf(ThrowingCallable call) {
        AtomicReference<Status> status = new AtomicReference<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> status.set(e.getStatus()));
        return status.get();
    }
}
