package dev.scalerhost.plugin.support.http;

import java.util.Objects;

/**
 * What one HTTP request of a measurement gave: the answer's content, already interpreted (a JSON
 * document, a query's samples), or why there is none. Every binding that shares the request reads it.
 *
 * @param <T> the interpreted content
 */
public sealed interface FetchResult<T> {

    /** An answer that could be interpreted. */
    record Content<T>(T value) implements FetchResult<T> {
        public Content {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A request that failed, or an answer that could not be interpreted. */
    record Failed<T>(RequestFailure failure) implements FetchResult<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static <T> FetchResult<T> content(T value) {
        return new Content<>(value);
    }

    /**
     * @param cause   a fixed metrics label, as {@link RequestFailure#cause()}
     * @param message what failed, naming the target
     */
    static <T> FetchResult<T> failed(String cause, String message) {
        return new Failed<>(new RequestFailure(cause, message));
    }
}
