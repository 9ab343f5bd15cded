package dev.scalerhost.host.grpc;

import dev.scalerhost.host.engine.MeasurementUnavailableException;
import dev.scalerhost.host.engine.FailureText;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.proto.MetricValue;
import dev.scalerhost.spi.Reading;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;

/**
 * The answers sent to KEDA. Both the int64 and the double fields are filled, the int64 one rounded
 * and clamped to the long range ({@link Math#round(double)} saturates). KEDA uses the double field only
 * when it is greater than 0 and otherwise the int64 one, so a negative value reaches KEDA as its rounded
 * integer (-2.75 as -3) and a value in (0, 0.5) would reach it as 0 were the double not filled. Negative
 * values are sent as measured, not clamped: a debugging client ({@code grpcurl}) sees the truth.
 */
final class Replies {

    static final IsActiveResponse ACTIVE = IsActiveResponse.newBuilder().setResult(true).build();
    static final IsActiveResponse INACTIVE = IsActiveResponse.newBuilder().setResult(false).build();

    private Replies() {
    }

    static GetMetricSpecResponse specs(Trigger trigger) {
        return GetMetricSpecResponse.newBuilder().addMetricSpecs(MetricSpec.newBuilder()
                .setMetricName(trigger.serviceType())
                .setTargetSizeFloat(trigger.target())
                .setTargetSize(Math.max(1, Math.round(trigger.target())))).build();
    }

    static GetMetricsResponse value(Trigger trigger, Reading.Value value) {
        return GetMetricsResponse.newBuilder().addMetricValues(MetricValue.newBuilder()
                .setMetricName(trigger.serviceType())
                .setMetricValueFloat(value.value())
                .setMetricValue(Math.round(value.value()))).build();
    }

    static IsActiveResponse activity(Trigger trigger, Reading.Value value) {
        return value.activationValue() > trigger.activation() ? ACTIVE : INACTIVE;
    }

    /**
     * The status for a failed read: {@code UNAVAILABLE} naming source and cause (so KEDA's fallback
     * applies), or {@code DEADLINE_EXCEEDED} when the caller's own deadline is what ran out.
     */
    static StatusRuntimeException failure(Throwable error, Deadline callerDeadline) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof MeasurementUnavailableException unavailable) {
            Status status = callerDeadline != null && callerDeadline.isExpired() ? Status.DEADLINE_EXCEEDED : Status.UNAVAILABLE;
            return status.withDescription(FailureText.forClients(unavailable.getMessage())).asRuntimeException();
        }
        if (cause instanceof IllegalArgumentException notMeasured) {
            return Status.NOT_FOUND.withDescription(FailureText.forClients(notMeasured.getMessage())).asRuntimeException();
        }
        return Status.INTERNAL.withDescription(FailureText.forClients("unexpected error: " + FailureText.of(cause)))
                .asRuntimeException();
    }
}
