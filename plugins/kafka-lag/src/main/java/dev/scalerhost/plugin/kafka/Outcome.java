package dev.scalerhost.plugin.kafka;

import java.util.Objects;

/** The result of one key (group, topic, partition) of an Admin call: a value or that key's failure. */
sealed interface Outcome<T> permits Outcome.Ok, Outcome.Failed {

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(Throwable failure) {
        return new Failed<>(KafkaErrors.unwrap(failure));
    }

    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(Throwable failure) implements Outcome<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
