package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Reading;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The (key, value) rows of one execution of a keyed query, answering each binding's key.
 *
 * @param query      the query's name
 * @param values     value by key; {@code null} for a SQL NULL value
 * @param duplicates keys that appear in more than one row
 */
record KeyedRows(String query, Map<String, Double> values, Set<String> duplicates) {

    private static final int KEYS_SHOWN = 10;

    KeyedRows {
        values = Collections.unmodifiableMap(new HashMap<>(values));
        duplicates = Set.copyOf(duplicates);
    }

    /** A reader of the rows of query {@code query}. */
    static RowReader<KeyedRows> reader(String query) {
        return rows -> read(query, rows);
    }

    private static KeyedRows read(String query, ResultSet rows) throws SQLException, QueryFailedException {
        int columns = rows.getMetaData().getColumnCount();
        if (columns < 2) {
            throw new QueryFailedException(QueryFailure.result("query " + query + " returns " + columns
                    + " column; a keyed query returns (key, value) rows, e.g. SELECT task_name, count(*) ... GROUP BY task_name"));
        }
        Map<String, Double> values = new HashMap<>();
        Set<String> duplicates = new TreeSet<>();
        while (rows.next()) {
            String key = rows.getString(1);
            Double value = Numbers.read(rows, 2, query);
            // A NULL key matches no binding's key; it is no reason to fail the others.
            if (key != null && values.containsKey(key)) {
                duplicates.add(key);
            } else if (key != null) {
                values.put(key, value);
            }
        }
        return new KeyedRows(query, values, duplicates);
    }

    /** The reading of one binding's key. */
    Reading reading(KeyedLookup lookup) {
        String key = lookup.key();
        if (duplicates.contains(key)) {
            return Reading.failure("key '" + key + "' appears in more than one row of query " + query
                    + "; group the query by its key column");
        }
        if (!values.containsKey(key)) {
            if (lookup.missingAs().isPresent()) {
                return Reading.of(lookup.missingAs().getAsDouble());
            }
            return Reading.failure("key '" + key + "' is not in the result of query " + query + " (" + shownKeys()
                    + "); set missingAs: 0 on the binding if an absent key means an empty queue");
        }
        Double value = values.get(key);
        if (value == null) {
            if (lookup.nullAs().isPresent()) {
                return Reading.of(lookup.nullAs().getAsDouble());
            }
            return Reading.failure("query " + query + " returned NULL for key '" + key
                    + "'; fix the query or set nullAs: 0 on the binding");
        }
        return Reading.of(value);
    }

    private String shownKeys() {
        if (values.isEmpty()) {
            return "it returned no rows";
        }
        String shown = values.keySet().stream().sorted().limit(KEYS_SHOWN).collect(Collectors.joining(", "));
        return "keys returned: " + shown + (values.size() > KEYS_SHOWN ? ", ... (" + values.size() + " in all)" : "");
    }
}
