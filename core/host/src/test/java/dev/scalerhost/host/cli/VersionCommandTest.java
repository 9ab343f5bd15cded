package dev.scalerhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.SpiVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version"})
    void printsTheBuildsVersionAndTheSpiVersionWithoutAConfig(String argument) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(Map.of(), Path.of("."),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        int exit = Main.run(new String[] {argument}, environment);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches(
                "scalerhost \\d+\\.\\d+\\.\\d+[-.\\w]*\\nSPI version " + SpiVersion.CURRENT + "\\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
