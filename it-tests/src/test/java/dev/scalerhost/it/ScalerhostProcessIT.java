package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness itself: a host that cannot start is reported with its exit code and log, and never left behind. */
class ScalerhostProcessIT {

    private final Distribution distribution = Distribution.unpacked();

    @Test
    void hostThatExitsBeforeReadyFailsWithExitCodeAndLogTail() throws Exception {
        var builder = ScalerhostProcess.builder(distribution)
                .name("early-exit")
                .config("this is: [not a valid scalerhost config\n")
                .readyTimeout(Duration.ofSeconds(60));

        assertThatThrownBy(builder::start)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("scalerhost exited with code")
                .hasMessageContaining("before it was ready")
                .hasMessageContaining("scalerhost.log (last 80 lines)");
    }

    @Test
    void writesTheConfigWithPortsAndPluginDirectoryFilledIn() throws Exception {
        try (ScalerhostProcess process = ScalerhostProcess.builder(distribution)
                .name("tokens")
                .config(ScalerhostProcess.serverSection() + "serviceTypes: {}\n")
                .arguments("check", "--config", "@CONFIG@")
                .launch()) {
            String written = Files.readString(process.configFile());

            assertThat(written).contains("port: " + process.grpcPort() + "}", "port: " + process.httpPort() + "}",
                    "directory: \"" + distribution.plugins() + "\"");
            assertThat(process.grpcPort()).isNotEqualTo(process.httpPort());
            process.awaitExit(Duration.ofSeconds(60));
            assertThat(process.isAlive()).isFalse();
        }
    }
}
