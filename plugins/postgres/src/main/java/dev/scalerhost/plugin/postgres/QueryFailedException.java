package dev.scalerhost.plugin.postgres;

import java.util.Objects;

/** A query that gave no usable result; carries the failure for every binding it answers. */
final class QueryFailedException extends Exception {

    private final transient QueryFailure failure;

    QueryFailedException(QueryFailure failure) {
        super(Objects.requireNonNull(failure, "failure").message(), null, false, false);
        this.failure = failure;
    }

    QueryFailure failure() {
        return failure;
    }
}
