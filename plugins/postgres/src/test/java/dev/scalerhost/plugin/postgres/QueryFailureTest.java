package dev.scalerhost.plugin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import java.io.EOFException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** How a failed connection reads, for the causes pgjdbc wraps in "The connection attempt failed.". */
class QueryFailureTest {

    private static ConnectionSpec spec(Map<String, ?> keys) {
        NodeSettings settings = TestSettings.fromMap("sources.db", keys);
        ConnectionSpec spec = ConnectionSpec.read(settings, Duration.ofSeconds(1));
        assertThat(settings.problems().list()).isEmpty();
        return spec;
    }

    private static PSQLException attemptFailed(Throwable cause) {
        return new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT, cause);
    }

    private static final Map<String, String> PLAIN = Map.of("jdbcUrl", "jdbc:postgresql://db.example:5432/jobs",
            "username", "scaler");

    private static final Map<String, String> CLIENT_CERTIFICATE = Map.of(
            "jdbcUrl", "jdbc:postgresql://db.example:5432/jobs", "username", "scaler",
            "sslmode", "verify-full", "sslcert", "/etc/certs/client.crt", "sslkey", "/etc/certs/client.key");

    @Test
    void aTlsAlertIsNamedAsTheHandshakesFailure() {
        QueryFailure failure = QueryFailure.ofConnect(
                attemptFailed(new SSLHandshakeException("Received fatal alert: bad_certificate")),
                spec(CLIENT_CERTIFICATE));

        assertThat(failure.reason()).isEqualTo("connection");
        assertThat(failure.message()).isEqualTo("cannot connect to postgresql://db.example:5432/jobs as user scaler: "
                + "The connection attempt failed; TLS handshake failed: Received fatal alert: bad_certificate");
    }

    @Test
    void aClosedSocketWithAClientCertificateNamesTheUntrustedCertificateAsTheLikelyCause() {
        QueryFailure failure = QueryFailure.ofConnect(attemptFailed(new EOFException()), spec(CLIENT_CERTIFICATE));

        assertThat(failure.message()).isEqualTo("cannot connect to postgresql://db.example:5432/jobs as user scaler: "
                + "The connection attempt failed; the server closed the connection (a server that does not trust "
                + "the client certificate of sslcert and sslkey closes the connection this way)");
        assertThat(failure.connectionLost()).isTrue();
    }

    @Test
    void aBrokenSocketWithoutAClientCertificateSaysWhatTheSocketSaid() {
        QueryFailure failure = QueryFailure.ofConnect(attemptFailed(new SocketException("Broken pipe")), spec(PLAIN));

        assertThat(failure.message()).isEqualTo("cannot connect to postgresql://db.example:5432/jobs as user scaler: "
                + "The connection attempt failed; Broken pipe");
    }
}
