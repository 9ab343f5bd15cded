package dev.scalerhost.plugin.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The TLS 1.3 refusal that TlsTest meets only when the race goes one way, made deterministic. */
class RequestFailureTest {

    private static final IOException CLOSED_BEFORE_ANSWER = new IOException("HTTP/1.1 header parser received no bytes");

    @Test
    void connectionClosedAfterTheHandshakeOverTlsPointsAtTheClientCertificate() {
        RequestFailure failure = RequestFailure.of(CLOSED_BEFORE_ANSWER, "Prometheus at https://127.0.0.1:9090", true);
        assertThat(failure.cause()).isEqualTo("tls");
        assertThat(failure.message()).contains("TLS with Prometheus at https://127.0.0.1:9090",
                "received no bytes", "set tls.certFile and tls.keyFile to one it trusts");
    }

    @Test
    void connectionClosedWithoutAnswerOverPlainHttpStaysUnreachable() {
        RequestFailure failure = RequestFailure.of(CLOSED_BEFORE_ANSWER, "Prometheus at http://127.0.0.1:9090", false);
        assertThat(failure.cause()).isEqualTo("unreachable");
        assertThat(failure.message()).doesNotContain("TLS", "tls.");
    }

    @Test
    void aRefusedConnectionIsSaidInWordsWithoutTheExceptionsName() {
        RequestFailure failure = RequestFailure.of(new java.util.concurrent.CompletionException(
                new java.net.ConnectException()), "Prometheus at http://127.0.0.1:9", false);
        assertThat(failure.message()).isEqualTo("Prometheus at http://127.0.0.1:9 is unreachable: connection refused");

        RequestFailure reset = RequestFailure.of(new IOException("Connection reset by peer"), "Prometheus at http://p:9090", false);
        assertThat(reset.message()).isEqualTo("the request to Prometheus at http://p:9090 failed: connection reset by peer");
    }
}
