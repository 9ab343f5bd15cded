package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/**
 * The keys of a {@code postgres} source and binding. Where the database is can be said three ways:
 * {@code jdbcUrl}, KEDA's {@code connection}, or KEDA's {@code host}, {@code port} and {@code dbName}.
 */
final class PostgresKeys {

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.string("jdbcUrl", "jdbc:postgresql://HOST:PORT/DATABASE (or connection, or host and dbName)."),
            ConfigKey.secret("connection", "KEDA's form: a libpq connection string or postgresql:// URI."),
            ConfigKey.string("host", "KEDA's split form: the database host (with port, userName and dbName)."),
            ConfigKey.integer("port", "KEDA's split form: the database port.").withDefault(ConnectionString.DEFAULT_PORT),
            ConfigKey.string("dbName", "KEDA's split form: the database."),
            ConfigKey.string("username", "The database user to connect as.").withAliases("userName"),
            ConfigKey.secret("password", "The user's password; use ${file:/path} or ${ENV}."),
            ConfigKey.oneOf("sslmode", "pgjdbc's sslmode.", ConnectionSpec.SSL_MODES),
            ConfigKey.string("sslrootcert", "PEM file of the CAs to trust."),
            ConfigKey.string("sslcert", "PEM file of the client certificate."),
            ConfigKey.string("sslkey", "The client's private key file."),
            ConfigKey.secret("sslpassword", "The password of sslkey."),
            ConfigKey.integer("poolSize", "Read-only connections kept open (1 to 100).")
                    .withDefault(SourceOptions.DEFAULT_POOL_SIZE),
            ConfigKey.duration("connectionTimeout", "How long opening a connection may take (at least 250ms).")
                    .withDefault(SourceOptions.DEFAULT_CONNECTION_TIMEOUT),
            ConfigKey.duration("statementTimeout", "How long one query may run; a binding may set its own.")
                    .withDefault(SourceOptions.DEFAULT_STATEMENT_TIMEOUT),
            ConfigKey.stringMap("queries", "Keyed queries by name: SQL returning (key, value) rows, run once for "
                    + "every binding that names it with keyedQuery."));

    static final List<ConfigKey> BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("targetQueryValue"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationTargetQueryValue"),
            ConfigKey.string("query", "SQL returning one number (or keyedQuery and key)."),
            ConfigKey.stringList("params", "Values for the query's ? placeholders, in order."),
            ConfigKey.string("keyedQuery", "The name of one of the source's queries (with key)."),
            ConfigKey.string("key", "The first-column value of this binding's row in keyedQuery."),
            ConfigKey.number("nullAs", "The value when the query returns NULL."),
            ConfigKey.number("missingAs", "The value when keyedQuery has no row for key."),
            ConfigKey.duration("statementTimeout", "How long this binding's query may run."));

    private PostgresKeys() {
    }
}
