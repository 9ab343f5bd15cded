package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Metric;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A binding answered by one key of a named keyed query of the source. Every binding of one query is
 * answered by a single execution per measurement batch.
 *
 * @param query            the name under the source's {@code queries}
 * @param key              the value of the first column that selects this binding's row
 * @param nullAs           the value of a NULL in the row; empty makes it a failure
 * @param missingAs        the value when no row has the key; empty makes it a failure
 * @param statementTimeout this binding's {@code statement_timeout}; one execution uses the longest of its bindings'
 */
record KeyedLookup(String query, String key, OptionalDouble nullAs, OptionalDouble missingAs, Duration statementTimeout)
        implements Metric {

    KeyedLookup {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nullAs, "nullAs");
        Objects.requireNonNull(missingAs, "missingAs");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    @Override
    public String describe() {
        return "key '" + key + "' of query " + query;
    }
}
