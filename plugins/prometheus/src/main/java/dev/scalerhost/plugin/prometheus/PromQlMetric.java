package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.Metric;
import java.util.Objects;

/**
 * A prepared {@code type: prometheus} binding: an instant query and what its result may be.
 *
 * @param query     the PromQL expression
 * @param namespace the binding's own {@code namespace} query parameter (a Thanos or Cortex tenant), or
 *                  {@code null} for the source's
 * @param policy    how an empty, multi-series or non-finite result is treated
 */
record PromQlMetric(String query, String namespace, ValuePolicy policy) implements Metric {

    PromQlMetric {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String describe() {
        return "PromQL " + query;
    }
}
