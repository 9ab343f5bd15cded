package dev.scalerhost.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures the host shows beside each value in {@code /status} (a Kafka serviceType's lag in
 * seconds and replicas figure, among others), read once per round for the table's extra columns.
 */
final class StatusFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI status;

    StatusFigures(String host, int httpPort) {
        this.status = URI.create("http://" + host + ":" + httpPort + "/status");
    }

    /** Details by serviceType; empty when {@code /status} does not answer (the columns then show "-"). */
    Map<String, Map<String, Double>> read() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return parse(response.body());
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<String, Map<String, Double>> parse(String body) throws IOException {
        Map<String, Map<String, Double>> figures = new HashMap<>();
        JsonNode serviceTypes = JSON.readTree(body).path("serviceTypes");
        serviceTypes.fields().forEachRemaining(entry -> {
            Map<String, Double> details = new HashMap<>();
            entry.getValue().path("details").fields().forEachRemaining(detail -> {
                if (detail.getValue().isNumber()) {
                    details.put(detail.getKey(), detail.getValue().asDouble());
                }
            });
            figures.put(entry.getKey(), Map.copyOf(details));
        });
        return figures;
    }
}
