package dev.scalerhost.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoMainTest {

    @Test
    void strictFailsOnEveryErrorRowOfTheLastTableNamingItsServiceType() {
        List<ScalerRow> table = List.of(
                ScalerRow.answered("ingest-logs", 12, 100, true),
                ScalerRow.failed("compact-logs", Optional.of(50.0), "GetMetrics UNAVAILABLE: source 'kafka' down"),
                ScalerRow.failed("compact-traces", Optional.empty(), "GetMetricSpec DEADLINE_EXCEEDED"));

        assertThat(DemoMain.errorRows(table)).hasValueSatisfying(text -> assertThat(text)
                .startsWith("the last table has 2 error row(s)")
                .contains("compact-logs: GetMetrics UNAVAILABLE: source 'kafka' down",
                        "compact-traces: GetMetricSpec DEADLINE_EXCEEDED")
                .doesNotContain("ingest-logs"));
    }

    @Test
    void strictPassesATableWithoutErrorRowsAndFailsWhenNoTableWasDrawn() {
        assertThat(DemoMain.errorRows(List.of(ScalerRow.answered("ingest-logs", 0, 100, false)))).isEmpty();
        assertThat(DemoMain.errorRows(List.of())).contains("no table was drawn");
    }
}
