package dev.scalerhost.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static String fresh() {
        return "pw-" + UUID.randomUUID();
    }

    @Test
    void redactsEveryOccurrenceOfARememberedValue() {
        String secret = fresh();
        Secrets.remember(secret);

        assertThat(Secrets.redact("login failed for password " + secret + " (again: " + secret + ")"))
                .isEqualTo("login failed for password [redacted] (again: [redacted])");
    }

    @Test
    void leavesTextWithoutSecretsAndShortNumericAndBooleanValuesAlone() {
        Secrets.remember("on");
        Secrets.remember("15432");
        Secrets.remember("0.75");
        Secrets.remember("FALSE");
        Secrets.remember(null);

        assertThat(Secrets.redact("connection refused on port 15432: false (0.75)"))
                .isEqualTo("connection refused on port 15432: false (0.75)");
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void redactsTheLongerOfTwoOverlappingValuesWhole() {
        String inner = fresh();
        String outer = inner + "-suffix";
        Secrets.remember(inner);
        Secrets.remember(outer);

        assertThat(Secrets.redact("x " + outer + " y")).isEqualTo("x [redacted] y");
    }

    @Test
    void redactsEachLineOfAMultiLineValueAndItsJsonEscapedForm() {
        String first = fresh();
        String second = "quote\"" + fresh();
        Secrets.remember(first + "\n" + second + "\n");

        assertThat(Secrets.redact("only " + second)).isEqualTo("only [redacted]");
        assertThat(Secrets.redact("{\"msg\":\"" + Secrets.jsonEscaped(second) + "\"}")).isEqualTo("{\"msg\":\"[redacted]\"}");
        assertThat(Secrets.redact(first)).isEqualTo("[redacted]");
    }

    @Test
    void outputStreamRedactsSecretsSplitOverWritesWithinALine() {
        String secret = fresh();
        Secrets.remember(secret);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new RedactingOutputStream(sink), false, StandardCharsets.UTF_8);

        out.print("WARN plugin said: " + secret.substring(0, 6));
        out.print(secret.substring(6) + " and more\nnext line ");
        out.println("is clean");
        out.flush();

        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("WARN plugin said: [redacted] and more\nnext line is clean" + System.lineSeparator());
    }

    @Test
    void outputStreamWritesAPartialLineOnFlush() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RedactingOutputStream out = new RedactingOutputStream(sink);

        out.write("prompt> ".getBytes(StandardCharsets.UTF_8), 0, 8);
        assertThat(sink.size()).isZero();
        out.flush();

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("prompt> ");
    }
}
