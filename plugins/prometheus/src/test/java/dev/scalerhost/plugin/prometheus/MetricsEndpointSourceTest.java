package dev.scalerhost.plugin.prometheus;

import static dev.scalerhost.plugin.prometheus.Sources.failure;
import static dev.scalerhost.plugin.prometheus.Sources.measure;
import static dev.scalerhost.plugin.prometheus.Sources.prepare;
import static dev.scalerhost.plugin.prometheus.Sources.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code type: metrics-endpoint} reading a real HTTP endpoint, without Prometheus. */
class MetricsEndpointSourceTest {

    private MetricsEndpoint endpoint;
    private MetricSource source;

    @BeforeEach
    void start() throws Exception {
        endpoint = MetricsEndpoint.start();
        endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator")
                .set(MetricsEndpoint.QUEUE_DEPTH, 300, "source", "market_feed")
                .set(MetricsEndpoint.BACKPRESSURE, 1, "provider", "ibkr")
                .set(MetricsEndpoint.BACKPRESSURE, 2, "provider", "polygon");
        source = Sources.open(new MetricsEndpointSourceProvider(), "sidecar", Map.of("url", endpoint.url().toString()));
    }

    @AfterEach
    void stop() throws Exception {
        source.close();
        endpoint.close();
    }

    @Test
    void selectsASampleByNameAndExactLabels() throws Exception {
        Metric depth = prepare(source, Map.of(
                "metric", MetricsEndpoint.QUEUE_DEPTH, "labels", Map.of("source", "store_coordinator")));
        assertThat(value(measure(source, depth))).isEqualTo(1200);

        endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 8000, "source", "store_coordinator");
        assertThat(value(measure(source, depth))).isEqualTo(8000);
    }

    @Test
    void selectsByLabelRegexAndAggregates() throws Exception {
        Metric feeds = prepare(source, Map.of("metric", MetricsEndpoint.QUEUE_DEPTH,
                "labelsRegex", Map.of("source", "market_.*")));
        assertThat(value(measure(source, feeds))).isEqualTo(300);

        Metric worst = prepare(source, Map.of("metric", MetricsEndpoint.BACKPRESSURE, "aggregate", "max"));
        assertThat(value(measure(source, worst))).isEqualTo(2);
        Metric total = prepare(source, Map.of("metric", MetricsEndpoint.QUEUE_DEPTH, "aggregate", "sum"));
        assertThat(value(measure(source, total))).isEqualTo(1500);
    }

    @Test
    void severalSeriesWithoutAggregateAreAnError() throws Exception {
        Metric ambiguous = prepare(source, Map.of("metric", MetricsEndpoint.BACKPRESSURE));
        assertThat(failure(measure(source, ambiguous)))
                .contains("returned 2 series", "provider=\"ibkr\"", "aggregate: max|min|sum|avg");
    }

    @Test
    void missingMetricOrUnmatchedLabelsAreErrorsUnlessEmptyAs() throws Exception {
        Metric missing = prepare(source, Map.of("metric", "pipeline_missing"));
        assertThat(failure(measure(source, missing)))
                .contains("pipeline_missing", "is not exposed by the metrics endpoint " + endpoint.url(), "emptyAs");

        Metric unmatched = prepare(source, Map.of("metric", MetricsEndpoint.QUEUE_DEPTH, "labels", Map.of("source", "x")));
        assertThat(failure(measure(source, unmatched))).contains("matches none of the 2 series");

        Metric defaulted = prepare(source, Map.of("metric", "pipeline_missing", "emptyAs", 0));
        assertThat(value(measure(source, defaulted))).isZero();
    }

    @Test
    void nanIsAnError() throws Exception {
        endpoint.set("nan_gauge", Double.NaN);
        Metric nan = prepare(source, Map.of("metric", "nan_gauge"));
        assertThat(failure(measure(source, nan))).contains("NaN");
    }

    @Test
    void oneScrapeServesTheWholeBatch() throws Exception {
        Metric depth = prepare(source, Map.of("metric", MetricsEndpoint.QUEUE_DEPTH, "aggregate", "max"));
        Metric pressure = prepare(source, Map.of("metric", MetricsEndpoint.BACKPRESSURE, "aggregate", "max"));
        Metric missing = prepare(source, Map.of("metric", "pipeline_missing"));
        int before = endpoint.scrapes();

        Map<Metric, Reading> readings =
                source.measure(List.of(depth, pressure, missing), Deadline.after(Duration.ofSeconds(5)));

        assertThat(endpoint.scrapes()).isEqualTo(before + 1);
        assertThat(readings.get(depth)).isEqualTo(Reading.of(1200).withDetail("series", 2));
        assertThat(readings.get(pressure)).isEqualTo(Reading.of(2).withDetail("series", 2));
        assertThat(readings.get(missing)).isInstanceOf(Reading.Failure.class);
    }

    @Test
    void endpointDownFailsEveryMetricOfTheBatchNotZero() throws Exception {
        Metric depth = prepare(source, Map.of("metric", MetricsEndpoint.QUEUE_DEPTH, "aggregate", "max"));
        Metric defaulted = prepare(source, Map.of("metric", "pipeline_missing", "emptyAs", 0));
        endpoint.close();

        Map<Metric, Reading> readings = source.measure(List.of(depth, defaulted), Deadline.after(Duration.ofSeconds(5)));

        assertThat(readings).hasSize(2);
        readings.values().forEach(reading ->
                assertThat(failure(reading)).contains("the metrics endpoint " + endpoint.url(), "unreachable"));
        assertThat(Sources.counter("request_errors_total", "sidecar", "cause", "unreachable")).isPositive();
    }

    @Test
    void invalidTextFormatFailsWithTheLine() throws Exception {
        endpoint.rawBody("# TYPE ok gauge\nok 1\nbroken{label=\"x\" 2\n");
        Metric ok = prepare(source, Map.of("metric", "ok"));
        assertThat(failure(measure(source, ok))).contains("invalid text format", "line 3");
    }
}
