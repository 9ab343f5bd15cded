package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.http.RequestFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus' answer to an instant query ({@code /api/v1/query}): the samples of a vector or
 * scalar result, or a {@link RequestFailure} carrying Prometheus' own {@code errorType} and {@code error}.
 */
final class QueryResponse {

    private static final int BODY_SHOWN = 200;

    private QueryResponse() {
    }

    /** The outcome of one answer: samples, or why there are none. */
    sealed interface Outcome permits Samples, Failed {
    }

    record Samples(List<Series> series) implements Outcome {
        Samples {
            series = List.copyOf(series);
        }
    }

    record Failed(RequestFailure failure) implements Outcome {
    }

    /**
     * Interprets one HTTP answer.
     *
     * @param target the endpoint for messages, e.g. {@code Prometheus at http://127.0.0.1:9090}
     */
    static Outcome read(int status, String body, String target, String query) {
        if (status == 401 || status == 403) {
            return failed("unauthorized", target + " refused the request with HTTP " + status
                    + (status == 401 ? " Unauthorized" : " Forbidden")
                    + ": check the source's bearerToken, username/password or headers");
        }
        Map<?, ?> document;
        try {
            document = JsonTree.parse(body) instanceof Map<?, ?> map ? map : null;
        } catch (IOException e) {
            document = null;
        }
        if (document == null) {
            return failed(status == 200 ? "bad_response" : "http_status", target + " answered HTTP " + status
                    + " with a body that is not a Prometheus API response: " + snippet(body));
        }
        if ("error".equals(document.get("status"))) {
            return failed("query_error", target + " rejected query '" + query + "' (HTTP " + status + "): "
                    + document.get("errorType") + ": " + document.get("error"));
        }
        if (status != 200 || !"success".equals(document.get("status"))) {
            return failed("http_status", target + " answered HTTP " + status + " with status '"
                    + document.get("status") + "'");
        }
        try {
            return new Samples(result(document.get("data"), query));
        } catch (IllegalArgumentException e) {
            return failed("bad_response", target + ": " + e.getMessage());
        }
    }

    private static List<Series> result(Object data, String query) {
        if (!(data instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the answer has no 'data' object");
        }
        Object resultType = map.get("resultType");
        Object result = map.get("result");
        if ("scalar".equals(resultType)) {
            return List.of(new Series(Map.of(), value(result)));
        }
        if ("matrix".equals(resultType)) {
            throw new IllegalArgumentException("query '" + query + "' returns a range vector; use an instant "
                    + "vector, e.g. wrap it in max_over_time(...) or rate(...)");
        }
        if (!"vector".equals(resultType) || !(result instanceof List<?> samples)) {
            throw new IllegalArgumentException("query '" + query + "' returns a " + resultType
                    + " result; a number (a vector or a scalar) is needed");
        }
        List<Series> series = new ArrayList<>(samples.size());
        for (Object sample : samples) {
            if (!(sample instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("a vector sample is not an object");
            }
            if (entry.get("value") == null && entry.get("histogram") != null) {
                throw new IllegalArgumentException("query '" + query + "' returns native histograms; "
                        + "use histogram_quantile(), histogram_count() or histogram_sum()");
            }
            series.add(new Series(labels(entry.get("metric")), value(entry.get("value"))));
        }
        return series;
    }

    private static Map<String, String> labels(Object metric) {
        if (!(metric instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> labels = new java.util.TreeMap<>();
        map.forEach((name, value) -> labels.put(String.valueOf(name), String.valueOf(value)));
        return labels;
    }

    private static double value(Object pair) {
        if (!(pair instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof String text)) {
            throw new IllegalArgumentException("a sample value is not a [timestamp, \"value\"] pair");
        }
        try {
            return PromNumbers.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a sample value is not a number: " + e.getMessage());
        }
    }

    private static Outcome failed(String cause, String message) {
        return new Failed(new RequestFailure(cause, message));
    }

    private static String snippet(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty)";
        }
        return oneLine.length() > BODY_SHOWN ? oneLine.substring(0, BODY_SHOWN) + "..." : oneLine;
    }
}
