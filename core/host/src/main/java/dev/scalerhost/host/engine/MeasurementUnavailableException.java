package dev.scalerhost.host.engine;

/**
 * No usable value for a serviceType: it was never measured successfully, or its last good value is
 * older than the serviceType's {@code maxStaleness}. The message names the serviceType, the source and
 * the cause; it is meant for the caller (gRPC {@code UNAVAILABLE}), so it carries no stack trace.
 */
public final class MeasurementUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MeasurementUnavailableException(String message) {
        super(message, null, false, false);
    }
}
