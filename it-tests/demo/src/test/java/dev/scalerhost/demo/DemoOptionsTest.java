package dev.scalerhost.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsToKedasUsualPortsOnLoopbackUntilCtrlC() {
        DemoOptions options = DemoOptions.parse(List.of(), false);
        assertThat(options.grpcPort()).isEqualTo(9090);
        assertThat(options.httpPort()).isEqualTo(8080);
        assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(options.duration()).isEmpty();
        assertThat(options.display()).isEqualTo(DemoOptions.Display.PLAIN);
        assertThat(options.strict()).isFalse();
        assertThat(options.distribution().getFileName().toString()).startsWith("scalerhost-");
    }

    @Test
    void readsPortsDurationAndDisplay() {
        DemoOptions options = DemoOptions.parse(List.of("--grpc-port", "19090", "--http-port", "18080",
                "--duration", "40s", "--display", "ansi"), false);
        assertThat(options.grpcPort()).isEqualTo(19090);
        assertThat(options.httpPort()).isEqualTo(18080);
        assertThat(options.duration()).contains(Duration.ofSeconds(40));
        assertThat(options.display()).isEqualTo(DemoOptions.Display.ANSI);
        assertThat(DemoOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DemoOptions.duration("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void strictAndPortZeroForAnyFreePort() throws Exception {
        DemoOptions options = DemoOptions.parse(List.of("--grpc-port", "0", "--strict", "--http-port", "0"), false);
        assertThat(options.strict()).isTrue();
        assertThat(options.grpcPort()).isZero();

        DemoOptions resolved = options.withFreePorts();
        assertThat(resolved.grpcPort()).isPositive();
        assertThat(resolved.httpPort()).isPositive().isNotEqualTo(resolved.grpcPort());
        assertThat(resolved.strict()).isTrue();
        assertThat(DemoOptions.parse(List.of("--grpc-port", "19090"), false).withFreePorts().grpcPort())
                .isEqualTo(19090);
    }

    @Test
    void rejectsBadArgumentsWithAMessageThatSaysWhatToGive() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--grpc-port", "x"), false))
                .hasMessageContaining("--grpc-port must be a port number");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--grpc-port", "8080"), false))
                .hasMessageContaining("give each its own port");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--duration", "soon"), false))
                .hasMessageContaining("--duration must look like 40s");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--colour"), false))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--display", "fancy"), false))
                .hasMessageContaining("ansi or plain");
    }
}
