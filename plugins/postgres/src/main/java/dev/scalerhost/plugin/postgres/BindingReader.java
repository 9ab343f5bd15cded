package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Validates one binding's keys against its source, once, and turns them into a {@link ScalarQuery}
 * or a {@link KeyedLookup}.
 *
 * <p>Scalar form: {@code query} (SQL), optional {@code params}, {@code nullAs}. Keyed form:
 * {@code keyedQuery} (a name under the source's {@code queries}), {@code key}, optional
 * {@code nullAs}, {@code missingAs}. Both: optional {@code statementTimeout}.
 */
final class BindingReader {

    private final String sourceName;
    private final SourceOptions options;

    BindingReader(String sourceName, SourceOptions options) {
        this.sourceName = sourceName;
        this.options = options;
    }

    /** The prepared metric, or {@code null} after reporting every problem on {@code params}. */
    Metric read(Settings params) {
        // Every supported key is read whatever the form, so that none is reported as unknown.
        String sql = params.optionalString("query").orElse(null);
        List<String> values = params.stringList("params");
        String queryName = params.optionalString("keyedQuery").orElse(null);
        String key = params.optionalString("key").orElse(null);
        OptionalDouble nullAs = optionalNumber(params, "nullAs");
        OptionalDouble missingAs = optionalNumber(params, "missingAs");
        Duration statementTimeout = SourceOptions.readStatementTimeout(params, options.statementTimeout());

        if (sql != null && queryName != null) {
            params.problem("query", "give either query (SQL returning one number) or keyedQuery + key, not both");
            return null;
        }
        if (sql == null && queryName == null) {
            params.problem(null, "missing query: give query (SQL returning one number) or keyedQuery + key"
                    + " (a named query of source " + sourceName + knownQueries() + ")");
            return null;
        }
        return sql != null
                ? scalar(params, sql, values, nullAs, key, missingAs, statementTimeout)
                : keyed(params, queryName, values, key, nullAs, missingAs, statementTimeout);
    }

    private Metric scalar(Settings params, String sql, List<String> values, OptionalDouble nullAs, String key,
            OptionalDouble missingAs, Duration statementTimeout) {
        if (sql.isBlank()) {
            params.problem("query", "is empty; give the SQL of a SELECT returning one number");
        }
        if (key != null) {
            params.problem("key", "applies to keyedQuery only; a scalar query returns one number");
        }
        if (missingAs.isPresent()) {
            params.problem("missingAs", "applies to keyedQuery only; for a scalar query use nullAs");
        }
        if (params.hasProblems()) {
            return null;
        }
        return new ScalarQuery(label(params), sql, values, nullAs, statementTimeout);
    }

    private Metric keyed(Settings params, String queryName, List<String> values, String key, OptionalDouble nullAs,
            OptionalDouble missingAs, Duration statementTimeout) {
        if (!options.queries().containsKey(queryName)) {
            params.problem("keyedQuery", "source " + sourceName + " has no query '" + queryName + "'"
                    + knownQueries());
        }
        if (key == null) {
            params.problem("key", "required with keyedQuery: the first-column value of this binding's row");
        }
        if (!values.isEmpty()) {
            params.problem("params", "applies to a scalar query only; a keyed query is shared by many bindings");
        }
        if (params.hasProblems()) {
            return null;
        }
        return new KeyedLookup(queryName, key, nullAs, missingAs, statementTimeout);
    }

    private String knownQueries() {
        return options.queries().isEmpty()
                ? "; it defines none under queries"
                : "; known: " + String.join(", ", options.queries().keySet().stream().sorted().toList());
    }

    private static OptionalDouble optionalNumber(Settings params, String key) {
        if (!params.has(key)) {
            params.number(key, 0);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(params.number(key, 0));
    }

    /** The serviceType: the last element of the binding's path. */
    private static String label(Settings params) {
        String path = params.path();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
