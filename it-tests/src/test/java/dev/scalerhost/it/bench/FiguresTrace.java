package dev.scalerhost.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.util.List;

/**
 * Prints, after each KEDA poll, the figures the host computed for a serviceType (from {@code /status}):
 * lag, arrival and consume rates, members, learned capacity and the replicas figure, so a run's output
 * shows why the {@code replicas} trigger asked for what it did.
 */
final class FiguresTrace {

    private static final List<String> FIGURES = List.of("lag", "lagSeconds", "arrivalRate", "consumeRate", "members",
            "capacityPerConsumer", "restartHold", "replicas");

    private final ScalerhostProcess host;
    private final ObjectMapper mapper = new ObjectMapper();

    FiguresTrace(ScalerhostProcess host) {
        this.host = host;
    }

    /** One figure the host computed for a serviceType, NaN if it has none (yet). */
    double figure(String serviceType, String figure) {
        try {
            JsonNode value = mapper.readTree(host.http("/status").body()).path("serviceTypes").path(serviceType)
                    .path("details").get(figure);
            return value == null ? Double.NaN : value.asDouble();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    void print(String serviceType, double second, int replicas) {
        StringBuilder line = new StringBuilder(String.format("  %s %5.1f s, %2d replicas:", serviceType, second, replicas));
        try {
            JsonNode details = mapper.readTree(host.http("/status").body()).path("serviceTypes").path(serviceType)
                    .path("details");
            for (String figure : FIGURES) {
                JsonNode value = details.get(figure);
                line.append(' ').append(figure).append('=').append(value == null ? "-" : value.asText());
            }
        } catch (IOException | RuntimeException e) {
            line.append(" status unreadable: ").append(e.getMessage());
        }
        System.out.println(line);
    }
}
