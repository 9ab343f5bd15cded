package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubstitutionTest {

    private static final Location AT = new Location(4, 7);

    @TempDir
    Path directory;

    final Problems problems = new Problems();

    private Substitution.Result expand(String text, Map<String, String> env) {
        return new Substitution(env::get, directory, problems).expand(text, "sources.db.password", AT);
    }

    @Test
    void plainTextIsNotSecret() {
        assertThat(expand("jdbc:postgresql://db/x", Map.of())).isEqualTo(new Substitution.Result("jdbc:postgresql://db/x", false));
    }

    @Test
    void environmentVariableIsSubstitutedAndSecret() {
        assertThat(expand("${HOST}:${PORT}/x", Map.of("HOST", "db", "PORT", "5432")))
                .isEqualTo(new Substitution.Result("db:5432/x", true));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void defaultAppliesWhenUnsetOrEmpty() {
        assertThat(expand("${PORT:-5432}", Map.of()).value()).isEqualTo("5432");
        assertThat(expand("${PORT:-5432}", Map.of("PORT", "")).value()).isEqualTo("5432");
        assertThat(expand("${PORT:-5432}", Map.of("PORT", "6432")).value()).isEqualTo("6432");
        assertThat(expand("${SUFFIX:-}", Map.of()).value()).isEmpty();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void emptyVariableWithoutDefaultIsEmpty() {
        assertThat(expand("a${EMPTY}b", Map.of("EMPTY", "")).value()).isEqualTo("ab");
    }

    @Test
    void fileContentIsSubstitutedWithOneTrailingNewlineTrimmed() throws Exception {
        Files.writeString(directory.resolve("password"), "s3cret\n\n");
        Files.writeString(directory.resolve("crlf"), "token\r\n");

        assertThat(expand("${file:" + directory.resolve("password") + "}", Map.of()))
                .isEqualTo(new Substitution.Result("s3cret\n", true));
        assertThat(expand("${file:crlf}", Map.of()).value()).isEqualTo("token");
    }

    @Test
    void doubleDollarIsALiteral() {
        assertThat(expand("cost: $${PRICE} and $5", Map.of("PRICE", "x")))
                .isEqualTo(new Substitution.Result("cost: ${PRICE} and $5", false));
    }

    @Test
    void unsetVariableIsAProblemNamingItAndThePath() {
        assertThat(expand("${DB_PASSWORD}", Map.of("OTHER", "leak")).value()).isNull();

        assertThat(problems.list()).containsExactly(new ConfigProblem("sources.db.password", AT,
                "environment variable DB_PASSWORD is not set: set it, or give a default with ${DB_PASSWORD:-default}"));
    }

    @Test
    void missingFileIsAProblem() {
        assertThat(expand("${file:missing.txt}", Map.of()).value()).isNull();

        assertThat(problems.list()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("file " + directory.resolve("missing.txt") + " (from ${file:missing.txt}) does not exist");
    }

    @Test
    void unreadableFileIsAProblem() {
        assertThat(expand("${file:" + directory + "}", Map.of()).value()).isNull();

        assertThat(problems.list()).singleElement().extracting(ConfigProblem::message)
                .asString().startsWith("cannot read file " + directory);
    }

    @Test
    void malformedExpressionsAreProblems() {
        expand("${unterminated", Map.of());
        expand("${not a name}", Map.of());
        expand("${file:}", Map.of());

        assertThat(problems.list()).extracting(ConfigProblem::message).containsExactly(
                "'${' without a closing '}': write '$${' for a literal '${'",
                "'${not a name}' is not a valid substitution: use ${NAME}, ${NAME:-default} or ${file:/path}, "
                        + "or '$${' for a literal '${'",
                "'${file:}' names no file: write ${file:/path/to/file}");
    }

    @Test
    void everyFailureInOneValueIsReported() {
        assertThat(expand("${A}-${B}", Map.of()).value()).isNull();

        assertThat(problems.list()).extracting(ConfigProblem::message)
                .allMatch(m -> m.startsWith("environment variable "))
                .hasSize(2);
    }

    @Test
    void substitutedValuesAreRedactedFromAnyTextButDefaultsAreNot() throws Exception {
        String password = "pw-" + java.util.UUID.randomUUID();
        String fromFile = "file-" + java.util.UUID.randomUUID();
        Files.writeString(directory.resolve("secret"), fromFile + "\n");
        expand("${DB_PASSWORD}/${file:secret}/${UNSET_WITH_DEFAULT:-plain-default}", Map.of("DB_PASSWORD", password));

        assertThat(dev.scalerhost.host.secrets.Secrets.redact("auth failed for " + password + " and " + fromFile
                + " with plain-default")).isEqualTo("auth failed for [redacted] and [redacted] with plain-default");
    }
}
