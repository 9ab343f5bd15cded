package dev.scalerhost.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.secrets.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void saysTheCauseInWordsWithoutClassNamesOrChains() {
        assertThat(FailureText.of(new IOException("Failed to bind to address /127.0.0.1:9090",
                new BindException("Address already in use")))).isEqualTo("address already in use");
        assertThat(FailureText.of(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo("connection refused");
        assertThat(FailureText.of(new UncheckedIOException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("no answer in time");
        assertThat(FailureText.of(new UnknownHostException("kafka-0.example: Name or service not known")))
                .isEqualTo("unknown host 'kafka-0.example'");
        assertThat(FailureText.of(new IllegalStateException("down"))).isEqualTo("down");
        assertThat(FailureText.of(new RuntimeException(new IllegalArgumentException("bad value 'x'"))))
                .as("the innermost message, not the wrapper's toString of it").isEqualTo("bad value 'x'");
        assertThat(FailureText.of(new IllegalStateException("java.io.IOException: disk full")))
                .isEqualTo("disk full");
        assertThat(FailureText.of(new NullPointerException()))
                .isEqualTo("an unexpected error without a message (the log has the details)")
                .doesNotContain("Exception");
    }

    @Test
    void aSubstitutedValueQuotedAnywhereInTheChainIsRedacted() {
        String password = "pw-" + java.util.UUID.randomUUID();
        Secrets.remember(password);
        assertThat(FailureText.of(new IllegalStateException("wrapped",
                new IllegalStateException("FATAL: password authentication failed for " + password))))
                .isEqualTo("FATAL: password authentication failed for " + Secrets.MASK);
    }

    @Test
    void clientsSeePathsInsideTheInstallationRelativeToIt() {
        assertThat(FailureText.forClients("cannot read /opt/scalerhost-1.0/plugins/files/a.jar: truncated",
                "/opt/scalerhost-1.0")).isEqualTo("cannot read plugins/files/a.jar: truncated");
        assertThat(FailureText.forClients("directory /var/spool/app does not exist", "/opt/scalerhost-1.0"))
                .as("paths of the user's data stay").isEqualTo("directory /var/spool/app does not exist");
        assertThat(FailureText.forClients("down", null)).isEqualTo("down");
    }
}
