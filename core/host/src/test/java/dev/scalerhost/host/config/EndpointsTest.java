package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.Endpoints.Endpoint;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void urlsNameTheirHostAndPortOrTheSchemesDefault() {
        assertThat(Endpoints.in("http://localhost:9090")).containsExactly(new Endpoint("localhost", 9090));
        assertThat(Endpoints.in("http://Prometheus.Monitoring.svc/api")).containsExactly(new Endpoint("prometheus.monitoring.svc", 80));
        assertThat(Endpoints.in("https://user:pw@[::1]/metrics")).containsExactly(new Endpoint("::1", 443));
        assertThat(Endpoints.in("SASL_SSL://broker-1:9093")).containsExactly(new Endpoint("broker-1", 9093));
        assertThat(Endpoints.in("amqp://guest:guest@rabbit/vhost")).containsExactly(new Endpoint("rabbit", 5672));
        assertThat(Endpoints.in("nats://a:4223,b")).containsExactly(new Endpoint("a", 4223), new Endpoint("b", 4222));
    }

    @Test
    void jdbcUrlsMayNameSeveralHosts() {
        assertThat(Endpoints.in("jdbc:postgresql://db1:5433,127.0.0.1/lakerunner?ssl=true"))
                .containsExactly(new Endpoint("db1", 5433), new Endpoint("127.0.0.1", 5432));
    }

    @Test
    void hostPortListsAreBootstrapAddresses() {
        assertThat(Endpoints.in("kafka-0:9092, 127.0.0.1:8080,[::1]:9090"))
                .containsExactly(new Endpoint("kafka-0", 9092), new Endpoint("127.0.0.1", 8080), new Endpoint("::1", 9090));
    }

    @Test
    void otherTextNamesNoEndpoint() {
        assertThat(Endpoints.in("SCRAM-SHA-512")).isEmpty();
        assertThat(Endpoints.in("5s")).isEmpty();
        assertThat(Endpoints.in("max(pipeline_backpressure_state)")).isEmpty();
        assertThat(Endpoints.in("SELECT a, b FROM t WHERE x = 'http://localhost:9090'")).isEmpty();
        assertThat(Endpoints.in("unix:///var/run/socket")).isEmpty();
        assertThat(Endpoints.in("http://host:99999")).isEmpty();
    }
}
