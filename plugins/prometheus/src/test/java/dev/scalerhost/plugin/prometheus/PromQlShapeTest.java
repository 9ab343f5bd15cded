package dev.scalerhost.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which queries end in a filtering comparison, whose result is empty while the condition is false. */
class PromQlShapeTest {

    @Test
    void outerComparisonWithoutBoolFilters() {
        assertThat(PromQlShape.filteringComparison("min(pipeline_rate_scale_factor) < 0.3")).contains("<");
        assertThat(PromQlShape.filteringComparison("pipeline_backpressure_state{provider=\"ibkr\"} > 1\n")).contains(">");
        assertThat(PromQlShape.filteringComparison("(up == 0)")).contains("==");
        assertThat(PromQlShape.filteringComparison("rate(x[5m]) * 60 >= 10")).contains(">=");
        assertThat(PromQlShape.filteringComparison("a > bool 1 != 0")).as("the last comparison is the outer one").contains("!=");
    }

    @Test
    void otherOuterOperationsDoNot() {
        assertThat(PromQlShape.filteringComparison("max(pipeline_backpressure_state)")).isEmpty();
        assertThat(PromQlShape.filteringComparison("min(pipeline_rate_scale_factor) < bool 0.3")).isEmpty();
        assertThat(PromQlShape.filteringComparison("min(x) < 0.3 or vector(0)")).isEmpty();
        assertThat(PromQlShape.filteringComparison("x > 1 unless y")).isEmpty();
        assertThat(PromQlShape.filteringComparison("max(x > 1)")).as("inside an aggregation").isEmpty();
        assertThat(PromQlShape.filteringComparison("x{a!=\"b\", c=~\"d>e\"}")).as("label matchers").isEmpty();
        assertThat(PromQlShape.filteringComparison("label_replace(x, \"a\", \">\", \"b\", \"c\")")).isEmpty();
        assertThat(PromQlShape.filteringComparison("(a) + (b)")).isEmpty();
        assertThat(PromQlShape.filteringComparison("x # > 1 in a comment")).isEmpty();
    }
}
