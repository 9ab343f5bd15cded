package dev.scalerhost.plugin.postgres;

import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where a source's database is, for messages and {@code /status}: hosts, ports and database name
 * only, never the URL's parameters (they may hold a password).
 *
 * @param hosts    {@code host:port}, comma separated when the URL names several
 * @param database the database name
 */
record DatabaseAddress(String hosts, String database) {

    DatabaseAddress {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(database, "database");
    }

    /** The address of a {@code jdbc:postgresql:} URL, or empty if pgjdbc cannot parse it. */
    static Optional<DatabaseAddress> of(String jdbcUrl) {
        Properties parsed = jdbcUrl.startsWith("jdbc:postgresql:") ? Driver.parseURL(jdbcUrl, null) : null;
        if (parsed == null) {
            return Optional.empty();
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            if (i > 0) {
                joined.append(',');
            }
            joined.append(hosts[i]).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        return Optional.of(new DatabaseAddress(joined.toString(), parsed.getProperty("PGDBNAME", "")));
    }

    @Override
    public String toString() {
        return "postgresql://" + hosts + "/" + database;
    }
}
