package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private static String scrape(MetricsEndpoint endpoint) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(endpoint.url()).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void servesGaugesInTheTextFormatWithEscapedLabels() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start()) {
            endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator")
                    .set(MetricsEndpoint.RATE_SCALE, 0.5, "provider", "a\"b\\c")
                    .set(MetricsEndpoint.BACKPRESSURE, Double.NaN);

            assertThat(scrape(endpoint)).isEqualTo("""
                    # HELP pipeline_backpressure_state Set by the test.
                    # TYPE pipeline_backpressure_state gauge
                    pipeline_backpressure_state NaN
                    # HELP pipeline_feedback_queue_depth Set by the test.
                    # TYPE pipeline_feedback_queue_depth gauge
                    pipeline_feedback_queue_depth{source="store_coordinator"} 1200
                    # HELP pipeline_rate_scale_factor Set by the test.
                    # TYPE pipeline_rate_scale_factor gauge
                    pipeline_rate_scale_factor{provider="a\\"b\\\\c"} 0.5
                    """);
            assertThat(endpoint.scrapes()).isEqualTo(1);
        }
    }

    @Test
    void followsChangesAndRawBodies() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start()) {
            endpoint.set("g", 1).set("g", 2, "k", "v").remove("g");
            assertThat(scrape(endpoint)).contains("g{k=\"v\"} 2").doesNotContain("g 1");

            endpoint.rawBody("raw 1\n");
            assertThat(scrape(endpoint)).isEqualTo("raw 1\n");

            endpoint.rawBody(null).clear();
            assertThat(scrape(endpoint)).isEmpty();
        }
    }
}
