package dev.scalerhost.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatParserTest {

    @Test
    void readsCommentsHelpTypeLabelsAndTimestamps() throws Exception {
        Map<String, List<Series>> samples = TextFormatParser.parse("""
                # HELP pipeline_feedback_queue_depth Queue depth \\\\ with "escapes"\\n.
                # TYPE pipeline_feedback_queue_depth gauge
                # a free comment
                #no space: also a comment
                pipeline_feedback_queue_depth{source="store_coordinator"} 1200 1712345678000
                pipeline_feedback_queue_depth{source="market_feed",} 3.5e2
                \t
                up 1
                """);

        assertThat(samples).containsOnlyKeys("pipeline_feedback_queue_depth", "up");
        assertThat(samples.get("pipeline_feedback_queue_depth")).containsExactly(
                new Series(Map.of("source", "store_coordinator"), 1200),
                new Series(Map.of("source", "market_feed"), 350));
        assertThat(samples.get("up")).containsExactly(new Series(Map.of(), 1));
    }

    @Test
    void unescapesLabelValues() throws Exception {
        Map<String, List<Series>> samples =
                TextFormatParser.parse("m{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",lines=\"a\\nb\",brace=\"}{,\"} 1\n");
        assertThat(samples.get("m").get(0).labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "path", "C:\\dir", "quote", "say \"hi\"", "lines", "a\nb", "brace", "}{,"));
    }

    @Test
    void readsSpecialValues() throws Exception {
        Map<String, List<Series>> samples = TextFormatParser.parse("a +Inf\nb -Inf\nc NaN\nd -0.5\ne Inf\n");
        assertThat(samples.get("a").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get("b").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get("c").get(0).value()).isNaN();
        assertThat(samples.get("d").get(0).value()).isEqualTo(-0.5);
        assertThat(samples.get("e").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void keepsHistogramAndSummarySampleNames() throws Exception {
        Map<String, List<Series>> samples = TextFormatParser.parse("""
                # TYPE latency histogram
                latency_bucket{le="0.1"} 3
                latency_bucket{le="+Inf"} 5
                latency_sum 1.25
                latency_count 5
                # TYPE rpc summary
                rpc{quantile="0.99"} 0.3
                rpc_count 9
                """);
        assertThat(samples).containsOnlyKeys("latency_bucket", "latency_sum", "latency_count", "rpc", "rpc_count");
        assertThat(samples.get("latency_bucket")).extracting(series -> series.labels().get("le")).containsExactly("0.1", "+Inf");
        assertThat(samples.get("rpc").get(0).labels()).containsEntry("quantile", "0.99");
    }

    @Test
    void readsOpenMetricsExemplarsQuotedNamesAndStopsAtEof() throws Exception {
        Map<String, List<Series>> samples = TextFormatParser.parse("""
                # TYPE requests counter
                # UNIT requests requests
                requests_total{code="200"} 7 1712345678.5 # {trace_id="abc"} 1 1712345678.1
                {"dotted.name", "my.label"="v"} 4
                empty_label{a=""} 2
                # EOF
                after_eof 1
                """);
        assertThat(samples).containsOnlyKeys("requests_total", "dotted.name", "empty_label");
        assertThat(samples.get("requests_total").get(0).value()).isEqualTo(7);
        assertThat(samples.get("dotted.name").get(0).labels()).containsEntry("my.label", "v");
        assertThat(samples.get("empty_label").get(0).labels()).isEmpty();
    }

    @Test
    void acceptsWindowsLineEndingsAndAMissingFinalNewline() throws Exception {
        assertThat(TextFormatParser.parse("a 1\r\nb 2").keySet()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void rejectsMalformedLinesNamingTheLine() {
        assertThatThrownBy(() -> TextFormatParser.parse("ok 1\nm{a=\"x\" 1\n"))
                .hasMessageContaining("line 2").hasMessageContaining("expected ',' or '}'");
        assertThatThrownBy(() -> TextFormatParser.parse("m{a=\"x\\t\"} 1\n")).hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> TextFormatParser.parse("m{a=\"x\"} one\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> TextFormatParser.parse("m 1 2 3\n")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> TextFormatParser.parse("m\n")).hasMessageContaining("value");
        assertThatThrownBy(() -> TextFormatParser.parse("m{a=\"1\",a=\"2\"} 1\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> TextFormatParser.parse("# TYPE m weird\n")).hasMessageContaining("unknown metric type");
        assertThatThrownBy(() -> TextFormatParser.parse("m{a=\"open} 1\n")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> TextFormatParser.parse("m 0x1p3\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> TextFormatParser.parse("9m 1\n")).hasMessageContaining("metric name");
    }
}
