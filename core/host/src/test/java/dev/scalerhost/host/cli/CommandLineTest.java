package dev.scalerhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.cli.CommandLine.Command;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void runIsTheDefaultCommand() {
        CommandLine line = CommandLine.parse(List.of("--config", "a.yaml"), Optional.empty());
        assertThat(line.command()).isEqualTo(Command.RUN);
        assertThat(line.config()).contains(Path.of("a.yaml"));
    }

    @Test
    void acceptsEqualsFormAndPluginsDirectory() {
        CommandLine line = CommandLine.parse(List.of("check", "--config=b.yaml", "--plugins-dir=/p"), Optional.empty());
        assertThat(line.command()).isEqualTo(Command.CHECK);
        assertThat(line.config()).contains(Path.of("b.yaml"));
        assertThat(line.pluginsDir()).contains(Path.of("/p"));
    }

    @Test
    void takesTheConfigFromTheEnvironmentWhenNoOptionIsGiven() {
        assertThat(CommandLine.parse(List.of(), Optional.of("/etc/s.yaml")).config()).contains(Path.of("/etc/s.yaml"));
        assertThat(CommandLine.parse(List.of("-c", "x.yaml"), Optional.of("/etc/s.yaml")).config())
                .contains(Path.of("x.yaml"));
    }

    @Test
    void pluginsNeedsNoConfig() {
        assertThat(CommandLine.parse(List.of("plugins"), Optional.empty()).command()).isEqualTo(Command.PLUGINS);
    }

    @Test
    void versionAndDashDashVersionNeedNoConfig() {
        assertThat(CommandLine.parse(List.of("version"), Optional.empty()).command()).isEqualTo(Command.VERSION);
        assertThat(CommandLine.parse(List.of("--version"), Optional.empty()).command()).isEqualTo(Command.VERSION);
    }

    @Test
    void rejectsWrongArgumentsWithAMessage() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("run"), Optional.empty()))
                .hasMessageContaining("needs --config");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--config"), Optional.empty()))
                .hasMessageContaining("--config needs a value");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--confg", "x"), Optional.empty()))
                .hasMessageContaining("unknown argument '--confg'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("run", "check", "-c", "x"), Optional.empty()))
                .hasMessageContaining("only one command");
    }
}
