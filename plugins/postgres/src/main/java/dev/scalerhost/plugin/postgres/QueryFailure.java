package dev.scalerhost.plugin.postgres;

import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Why a query or a connection failed, in words for {@code /status} and logs.
 *
 * @param reason         a metric label: {@code auth}, {@code connection}, {@code timeout},
 *                       {@code read_only}, {@code result} or {@code query}
 * @param message        what failed and what to do; never a secret
 * @param connectionLost whether the connection is unusable, so the batch's other queries fail too
 */
record QueryFailure(String reason, String message, boolean connectionLost) {

    /** HikariCP's own timeout, whose message goes on with the pool's name and counters: those are for the log. */
    private static final Pattern POOL_TIMEOUT = Pattern.compile("request timed out after (\\d+)ms");

    QueryFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** A failure of the result's shape or content, on a connection that stays usable. */
    static QueryFailure result(String message) {
        return new QueryFailure("result", message, false);
    }

    /** A failure to obtain a connection from the pool. */
    static QueryFailure ofConnect(SQLException e, ConnectionSpec spec) {
        SQLException cause = rootSqlException(e);
        String state = Objects.requireNonNullElse(cause.getSQLState(), "");
        String said = cause == e && e instanceof SQLTransientConnectionException ? poolTimeout(e) : serverMessage(cause);
        if (state.equals("28P01") || state.equals("28000")) {
            // 28000 is also pg_hba.conf refusing the connection, e.g. for lack of TLS or of a client certificate.
            String check = state.equals("28P01") ? "the source's username and password"
                    : "the source's username, and its sslmode, sslcert and sslkey against the server's pg_hba.conf";
            return new QueryFailure("auth", "authentication failed for user " + spec.username() + " on database "
                    + spec.address().database() + " at " + spec.address().hosts() + ": " + said + "; check " + check,
                    true);
        }
        if (state.equals("3D000")) {
            return new QueryFailure("connection", "database " + spec.address().database() + " does not exist at "
                    + spec.address().hosts() + ": " + said + "; check the source's jdbcUrl", true);
        }
        String tls = tlsFailure(cause);
        if (tls.isEmpty()) {
            tls = socketFailure(cause, spec);
        }
        if (!tls.isEmpty() && said.endsWith(".")) {
            said = said.substring(0, said.length() - 1);
        }
        return new QueryFailure("connection", "cannot connect to " + spec.address() + " as user " + spec.username()
                + ": " + said + tls, true);
    }

    /**
     * HikariCP's "Connection is not available" in words: how long it waited, and the connection
     * failure behind it if it knows one; anything else of the pool's stays in the log.
     */
    private static String poolTimeout(SQLException e) {
        Matcher waited = POOL_TIMEOUT.matcher(Objects.requireNonNullElse(e.getMessage(), ""));
        String what = waited.find()
                ? "no connection could be opened or freed within " + waited.group(1) + "ms"
                : Objects.requireNonNullElse(e.getMessage(), "no connection could be opened in time")
                        .replaceAll("\\s*\\(total=[^)]*\\)", "");
        Throwable behind = e.getCause();
        return behind == null || behind.getMessage() == null ? what : what + " (" + behind.getMessage() + ")";
    }

    /** pgjdbc reports a refused handshake as "The connection attempt failed."; the TLS exception says why. */
    private static String tlsFailure(SQLException e) {
        String reported = Objects.requireNonNullElse(e.getMessage(), "");
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SSLException ssl && ssl.getMessage() != null && !reported.contains(ssl.getMessage())) {
                return "; TLS handshake failed: " + ssl.getMessage();
            }
        }
        return "";
    }

    /**
     * Without a TLS exception, what the socket said. Under TLS 1.3 a server checks the client certificate
     * after the client's handshake has ended, so a refusal can reach pgjdbc as a closed or broken socket
     * instead of the server's alert; with a client certificate configured, the message names that case.
     */
    private static String socketFailure(SQLException e, ConnectionSpec spec) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException io && !(t instanceof SSLException)) {
                String what = io instanceof EOFException || io.getMessage() == null
                        ? "the server closed the connection" : io.getMessage();
                return "; " + what + (spec.presentsClientCertificate()
                        ? " (a server that does not trust the client certificate of sslcert and sslkey closes the "
                                + "connection this way)"
                        : "");
            }
        }
        return "";
    }

    /**
     * A failure of a query.
     *
     * @param query   the query's name (named query or serviceType)
     * @param timeout the statement timeout it ran with, e.g. {@code "500ms"}
     */
    static QueryFailure ofQuery(SQLException e, String query, String timeout, ConnectionSpec spec) {
        SQLException cause = rootSqlException(e);
        String state = Objects.requireNonNullElse(cause.getSQLState(), "");
        String said = serverMessage(cause);
        if (state.equals("57014")) {
            return new QueryFailure("timeout", "query " + query + " was cancelled after its statement timeout of "
                    + timeout + ": " + said, false);
        }
        if (state.equals("25006")) {
            return new QueryFailure("read_only", "query " + query + " tried to write (" + said
                    + "): scalerhost runs every query in a read-only transaction, so that a scaling query can never "
                    + "change the database (KEDA's postgresql scaler does not, so nextval() or an UPDATE that works "
                    + "there fails here); use a query that only reads, e.g. last_value of a sequence instead of "
                    + "nextval()", false);
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
            return new QueryFailure("connection", "query " + query + " lost its connection to " + spec.address()
                    + ": " + said, true);
        }
        return new QueryFailure("query", "query " + query + " failed: " + said
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), false);
    }

    /** The innermost SQLException: HikariCP wraps the driver's in a timeout exception. */
    private static SQLException rootSqlException(SQLException e) {
        SQLException deepest = e;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                deepest = sql;
            }
        }
        return deepest;
    }

    /** The server's own message without pgjdbc's severity prefix, detail or position lines. */
    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        return message.lines().findFirst().orElse(message);
    }
}
