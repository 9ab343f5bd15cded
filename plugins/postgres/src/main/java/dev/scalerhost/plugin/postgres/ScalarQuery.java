package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A binding whose own SQL returns one number: its one column, of the first row.
 *
 * @param label            the serviceType, the query's name in metrics and messages
 * @param sql              the SELECT, from the configuration only
 * @param params           values bound to the SQL's {@code ?} placeholders, in order
 * @param nullAs           the value of a NULL or of no row; empty makes them failures
 * @param statementTimeout the query's {@code statement_timeout}
 */
record ScalarQuery(String label, String sql, List<String> params, OptionalDouble nullAs, Duration statementTimeout)
        implements Metric {

    ScalarQuery {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
        Objects.requireNonNull(nullAs, "nullAs");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    @Override
    public String describe() {
        return "scalar query of " + label;
    }
}
