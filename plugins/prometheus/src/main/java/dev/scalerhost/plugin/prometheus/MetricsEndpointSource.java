package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.http.Answers;
import dev.scalerhost.plugin.support.http.HttpSource;
import dev.scalerhost.plugin.support.http.RequestFailure;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A workload's own Prometheus text endpoint, read without a Prometheus server (sidecar mode): one
 * scrape per batch, shared by every binding of the source.
 */
final class MetricsEndpointSource extends HttpSource {

    /** The classic text format first: its counter names are what most endpoints document. */
    private static final String ACCEPT =
            "text/plain;version=0.0.4;q=1.0,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";
    private static final String SCRAPE = "scrape";

    private final EndpointSettings endpoint;
    private final String target;

    MetricsEndpointSource(EndpointSettings endpoint, SourceContext context) {
        super(endpoint.http(), "scalerhost-metrics-endpoint", context);
        this.endpoint = endpoint;
        this.target = "the metrics endpoint " + endpoint.describe();
    }

    @Override
    public Metric prepare(Settings params) {
        return SampleSelector.read(params);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> response =
                fetcher().get(http().url(), ACCEPT, deadline, HttpResponse.BodyHandlers.ofString());
        Answers.awaitAll(List.of(response), deadline);
        Map<String, List<Series>> samples;
        try {
            samples = scrape(response);
            failures().succeeded(SCRAPE);
        } catch (ScrapeFailed e) {
            metrics().count("request_errors_total", 1, "cause", e.failure.cause());
            Reading failed = report(SCRAPE, Reading.failure(e.failure.message()));
            Map<Metric, Reading> readings = new HashMap<>();
            batch.forEach(metric -> readings.put(metric, failed));
            return readings;
        } finally {
            metrics().time("request_duration_seconds", Duration.ofNanos(System.nanoTime() - start));
        }
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            readings.put(metric, reading((SampleSelector) metric, samples));
        }
        return readings;
    }

    private Map<String, List<Series>> scrape(CompletableFuture<HttpResponse<String>> future) throws ScrapeFailed {
        if (!future.isDone()) {
            future.cancel(true);
            throw new ScrapeFailed("timeout", target + " did not answer before the measurement deadline");
        }
        HttpResponse<String> response;
        try {
            response = future.join();
        } catch (RuntimeException e) {
            throw new ScrapeFailed(RequestFailure.of(e, target, http().overTls()));
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ScrapeFailed("unauthorized", target + " refused the request with HTTP " + status
                    + ": check the source's bearerToken, username/password or headers");
        }
        if (status != 200) {
            throw new ScrapeFailed("http_status", target + " answered HTTP " + status + " instead of 200");
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith("application/vnd.google.protobuf")) {
            throw new ScrapeFailed("bad_response", target + " answered in the protobuf format; the text format is needed");
        }
        try {
            return TextFormatParser.parse(response.body());
        } catch (TextFormatParser.ParseException e) {
            throw new ScrapeFailed("bad_response", target + " answered with invalid text format: " + e.getMessage());
        }
    }

    private Reading reading(SampleSelector selector, Map<String, List<Series>> samples) {
        String subject = "metric " + selector.describe();
        List<Series> named = samples.get(selector.metric());
        String whyEmpty = named == null
                ? "is not exposed by " + target + " (" + samples.size() + " other metric names are)"
                : "matches none of the " + named.size() + " series of " + selector.metric() + " at " + target;
        Reading reading = selector.policy().apply(named == null ? List.of() : selector.select(named), subject, whyEmpty);
        if (reading instanceof Reading.Failure) {
            metrics().count("request_errors_total", 1, "cause", "result_policy");
        }
        return report(subject, reading);
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    /** A scrape that produced no samples, and why. */
    private static final class ScrapeFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RequestFailure failure;

        ScrapeFailed(RequestFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        ScrapeFailed(String cause, String message) {
            this(new RequestFailure(cause, message));
        }
    }
}
