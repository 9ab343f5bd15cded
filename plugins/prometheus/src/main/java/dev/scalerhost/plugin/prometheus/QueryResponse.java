package dev.scalerhost.plugin.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.scalerhost.plugin.support.http.FetchResult;
import dev.scalerhost.plugin.support.http.RequestFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Prometheus' answer to an instant query ({@code /api/v1/query}): the samples of a vector or
 * scalar result, or a {@link RequestFailure} carrying Prometheus' own {@code errorType} and {@code error}.
 */
final class QueryResponse {

    private static final int BODY_SHOWN = 200;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private QueryResponse() {
    }

    /**
     * Interprets one HTTP answer.
     *
     * @param target the endpoint for messages, e.g. {@code Prometheus at http://127.0.0.1:9090}
     */
    static FetchResult<List<Series>> read(int status, String body, String target, String query) {
        if (status == 401 || status == 403) {
            return FetchResult.failed("unauthorized", target + " refused the request with HTTP " + status
                    + (status == 401 ? " Unauthorized" : " Forbidden")
                    + ": check the source's bearerToken, username/password or headers");
        }
        JsonNode document = parse(body);
        if (document == null) {
            return FetchResult.failed(status == 200 ? "bad_response" : "http_status", target + " answered HTTP "
                    + status + " with a body that is not a Prometheus API response: " + snippet(body));
        }
        String documentStatus = text(document.get("status"));
        if ("error".equals(documentStatus)) {
            return FetchResult.failed("query_error", target + " rejected query '" + query + "' (HTTP " + status + "): "
                    + text(document.get("errorType")) + ": " + text(document.get("error")));
        }
        if (status != 200 || !"success".equals(documentStatus)) {
            return FetchResult.failed("http_status", target + " answered HTTP " + status + " with status '"
                    + documentStatus + "'");
        }
        try {
            return FetchResult.content(result(document.get("data"), query));
        } catch (IllegalArgumentException e) {
            return FetchResult.failed("bad_response", target + ": " + e.getMessage());
        }
    }

    /** The JSON object of {@code body}, or {@code null} if it is not one. */
    private static JsonNode parse(String body) {
        try {
            JsonNode document = MAPPER.readTree(body);
            return document.isObject() ? document : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Series> result(JsonNode data, String query) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("the answer has no 'data' object");
        }
        String resultType = text(data.get("resultType"));
        JsonNode result = data.get("result");
        if ("scalar".equals(resultType)) {
            return List.of(new Series(Map.of(), value(result)));
        }
        if ("matrix".equals(resultType)) {
            throw new IllegalArgumentException("query '" + query + "' returns a range vector; use an instant "
                    + "vector, e.g. wrap it in max_over_time(...) or rate(...)");
        }
        if (!"vector".equals(resultType) || result == null || !result.isArray()) {
            throw new IllegalArgumentException("query '" + query + "' returns a " + resultType
                    + " result; a number (a vector or a scalar) is needed");
        }
        List<Series> series = new ArrayList<>(result.size());
        for (JsonNode sample : result) {
            if (!sample.isObject()) {
                throw new IllegalArgumentException("a vector sample is not an object");
            }
            if (isAbsent(sample.get("value")) && !isAbsent(sample.get("histogram"))) {
                throw new IllegalArgumentException("query '" + query + "' returns native histograms; "
                        + "use histogram_quantile(), histogram_count() or histogram_sum()");
            }
            series.add(new Series(labels(sample.get("metric")), value(sample.get("value"))));
        }
        return List.copyOf(series);
    }

    private static Map<String, String> labels(JsonNode metric) {
        if (metric == null || !metric.isObject()) {
            return Map.of();
        }
        Map<String, String> labels = new TreeMap<>();
        metric.properties().forEach(label -> labels.put(label.getKey(), String.valueOf(text(label.getValue()))));
        return labels;
    }

    private static double value(JsonNode pair) {
        if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw new IllegalArgumentException("a sample value is not a [timestamp, \"value\"] pair");
        }
        try {
            return PromNumbers.parse(pair.get(1).textValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a sample value is not a number: " + e.getMessage());
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** A value as the messages show it: a string's text, {@code null} for none, else its JSON. */
    private static String text(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static String snippet(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty)";
        }
        return oneLine.length() > BODY_SHOWN ? oneLine.substring(0, BODY_SHOWN) + "..." : oneLine;
    }
}
