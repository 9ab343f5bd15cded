package dev.scalerhost.plugin.support.http;

import java.util.Objects;

/** A request that gave no answer; the message says why, in words, naming the target. */
public final class RequestFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient RequestFailure failure;

    public RequestFailedException(RequestFailure failure) {
        super(Objects.requireNonNull(failure, "failure").message());
        this.failure = failure;
    }

    /** Why, as a metrics label and a message. */
    public RequestFailure failure() {
        return failure;
    }
}
