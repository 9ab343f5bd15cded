package dev.scalerhost.plugin.redis;

import static dev.scalerhost.plugin.testkit.Measure.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.plugin.testkit.LoadedConfig;
import dev.scalerhost.plugin.testkit.Measure;
import dev.scalerhost.host.grpc.TestCertificates;
import dev.scalerhost.testservers.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a real redis-server's TLS port, with the CA and the password from files ({@code ${file:}}). */
class RedisTlsTest {

    @Test
    void measuresOverTlsWithTheCaAndPasswordFromFilesAndNamesAnUntrustedServer(@TempDir Path dir) throws Exception {
        assumeTrue(RedisServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "redis-server is not installed; under CI=true this fails instead");
        List<TestCertificates.Pem> pems = TestCertificates.make(dir, "redis", TestCertificates.server("redis"),
                "other", TestCertificates.server("other"));
        TestCertificates.Pem server = pems.get(0);
        try (RedisServer redis = RedisServer.started(new RedisServer.Tls(server.certificate(), server.key(),
                server.certificate(), false))) {
            redis.command("ACL", "SETUSER", "scaler", "on", ">tls-secret-3", "~*", "+@all");
            redis.command("RPUSH", "tls:jobs", "1", "2");
            Path password = Files.writeString(dir.resolve("password"), "tls-secret-3\n");
            try (LoadedConfig config = LoadedConfig.load(dir, """
                    sources:
                      trusted:
                        type: redis
                        address: "%1$s"
                        username: scaler
                        password: "${file:%2$s}"
                        tls: {caFile: "%3$s"}
                      untrusted:
                        type: redis
                        address: "%1$s"
                        username: scaler
                        password: "${file:%2$s}"
                        tls: {caFile: "%4$s"}
                    serviceTypes:
                      jobs:       {source: trusted, listName: "tls:jobs", listLength: 5}
                      other-jobs: {source: untrusted, listName: "tls:jobs", listLength: 5}
                    """.formatted(redis.tlsAddress(), password, server.certificate(), pems.get(1).certificate()),
                    Map.of())) {
                assertThat(config.problems()).isEmpty();
                assertThat(value(Measure.all(config, "trusted").get("jobs"))).isEqualTo(2);
                assertThatThrownBy(() -> Measure.all(config, "untrusted"))
                        .isInstanceOf(RedisUnavailableException.class)
                        .hasMessageStartingWith("TLS with Redis at " + redis.tlsAddress() + " (TLS) failed")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tls-secret-3"));
            }
        }
    }
}
