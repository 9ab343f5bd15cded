package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowConfigTest {

    private static final String HEAD = """
            sources:
              kafka: {type: kafka-lag, bootstrapServers: "k:9092", refreshInterval: 5s}
            serviceTypes:
            """;

    @TempDir
    Path directory;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private List<String> problems(String serviceTypes) throws Exception {
        return fixture.problems(HEAD + serviceTypes).stream().map(ConfigProblem::render).toList();
    }

    @Test
    void bindsAWindowWithEachAggregateAndKeepsItFromThePlugin() throws Exception {
        HostConfig config = fixture.load(HEAD + """
                  a: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {duration: 2m, aggregate: max}}
                  b: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {duration: 30s}}
                  c: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {duration: 1m, aggregate: min}}
                  d: {source: kafka, topic: t, consumerGroup: g, target: 10}
                """);

        assertThat(config.serviceTypes().get("a").window())
                .isEqualTo(new WindowSpec(Duration.ofMinutes(2), WindowSpec.Aggregate.MAX));
        assertThat(config.serviceTypes().get("b").window())
                .isEqualTo(new WindowSpec(Duration.ofSeconds(30), WindowSpec.Aggregate.AVG));
        assertThat(config.serviceTypes().get("c").window().aggregate()).isEqualTo(WindowSpec.Aggregate.MIN);
        assertThat(config.serviceTypes().get("d").window()).isNull();
        assertThat(config.serviceTypes().get("a").params().has("window")).isFalse();
    }

    @Test
    void reportsAMissingDurationAnUnknownAggregateAndATypo() throws Exception {
        assertThat(problems("""
                  a: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {aggregate: max}}
                  b: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {duration: 1m, aggregate: median}}
                  c: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {duration: 1m, agregate: max}}
                """)).satisfiesExactlyInAnyOrder(
                a -> assertThat(a).contains("serviceTypes.a.window.duration", "required"),
                b -> assertThat(b).contains("serviceTypes.b.window.aggregate", "avg, max, min"),
                c -> assertThat(c).contains("serviceTypes.c.window.agregate", "aggregate"));
    }

    @Test
    void rejectsAWindowShorterThanTheRefreshInterval() throws Exception {
        assertThat(problems("""
                  a: {source: kafka, topic: t, consumerGroup: g, target: 10, window: {duration: 2s}}
                """)).singleElement().asString()
                .contains("serviceTypes.a.window.duration", "at least the refreshInterval (5s)");
    }

    @Test
    void rejectsAWindowThatIsNotAMap() throws Exception {
        assertThat(problems("""
                  a: {source: kafka, topic: t, consumerGroup: g, target: 10, window: 2m}
                """)).singleElement().asString().contains("serviceTypes.a.window", "expected a map");
    }
}
