package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A port held by another process: the host names the port and what to do, exits 1, and does not hang
 * on the other server, which starts at the same time on its own thread.
 */
class PortInUseIT {

    private final Distribution distribution = Distribution.unpacked();

    @Test
    void aTakenHttpPortEndsTheStartWithExitOneNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String log = failedStart("port-in-use-http", "@GRPC_PORT@", Integer.toString(taken.getLocalPort()));

            assertThat(log).contains("cannot start: HTTP server cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                    "free the port or set server.http.port to another one");
        }
    }

    @Test
    void aTakenGrpcPortEndsTheStartWithExitOneNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String log = failedStart("port-in-use-grpc", Integer.toString(taken.getLocalPort()), "@HTTP_PORT@");

            assertThat(log).contains("cannot start: cannot listen for gRPC on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private String failedStart(String name, String grpcPort, String httpPort) {
        String config = """
                server:
                  grpc: {host: 127.0.0.1, port: %s}
                  http: {host: 127.0.0.1, port: %s}
                plugins: {directory: "@PLUGINS_DIR@"}
                sources:
                  local:
                    type: metrics-endpoint
                    url: http://127.0.0.1:9/metrics
                serviceTypes:
                  depth:
                    source: local
                    metric: queue_depth
                    target: 10
                """.formatted(grpcPort, httpPort);
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name(name).config(config).launch()) {
            int exit = host.awaitExit(Duration.ofSeconds(60));
            String log = host.log();
            assertThat(exit).as("exit code; log:%n%s", log).isEqualTo(1);
            assertThat(log).doesNotContain("\tat ", "uncaught", "Exception in thread", "still running after");
            return log;
        }
    }
}
