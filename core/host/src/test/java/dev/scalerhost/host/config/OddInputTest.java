package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd shapes anywhere in the file end in a report with a path, never in another exception. */
class OddInputTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {
        "serviceTypes: [a]",
        "serviceTypes: {a: [1]}",
        "serviceTypes: {a: {source: [x], target: 1}}",
        "sources: {k: {type: [x]}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b, refreshInterval: {a: 1}}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b, maxStaleness: PT99999999999999999H}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b, timeout: 99999999999999999999h}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b, timeout: 25h}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b, timeout: 0s}}",
        "sources: k",
        "sources: {k: {type: kafka-lag, bootstrapServers: b}}\nserviceTypes: {a: {source: k, target: 1e400}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b}}\nserviceTypes: {a: {source: k, target: [1]}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b}}\nserviceTypes: {a: {source: k, target: 1, activation: x}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b}}\nserviceTypes: {a: {source: k, target: 1, metadataOverrides: {x: 1}}}",
        "sources: {k: {type: kafka-lag, bootstrapServers: b}}\nserviceTypes: {a: {source: k, target: \"${T}\"}}",
        "server: 5",
        "server: {grpc: [], http: x}",
        "server: {grpc: {tls: x}}",
        "server: {grpc: {tls: {certificate: [a], privateKey: {b: 1}}}}",
        "server: {grpc: {maxInboundBytes: 12}, shutdownGrace: -1s}",
        "plugins: {directory: \"\\0\"}",
        "plugins: {directory: \"\"}",
        "plugins: []",
        "~: 1",
    })
    void oddInputIsReportedWithAPath(String yaml) throws Exception {
        List<ConfigProblem> problems = new ConfigFixture(directory).problems(yaml + "\n");

        assertThat(problems).as(yaml).isNotEmpty().allSatisfy(p -> assertThat(p.path()).isNotEmpty());
    }
}
